// Asks before a form does something hard to undo. The question is in data-confirm, so names with
// apostrophes or quotes are plain text, never part of a script.
document.addEventListener('submit', event => {
  if (event.target.dataset.confirmed) {
    delete event.target.dataset.confirmed;
    return;
  }

  const question = event.submitter?.dataset.confirm ?? event.target.dataset.confirm;
  if (question && !confirm(question)) {
    event.preventDefault();
  }
});

// A form that saves itself as the user types (an htmx element whose data-autosave names the form) is sent only
// once its autosave has answered, and no autosave starts after that: the two saves of one draft never meet.
document.querySelectorAll('[data-autosave]').forEach(autosave => {
  const form = document.getElementById(autosave.dataset.autosave);
  let saving = false;
  let held = null;
  let sent = false;

  autosave.addEventListener('htmx:confirm', event => {
    if (sent || held) {
      event.preventDefault();
    }
  });
  autosave.addEventListener('htmx:beforeRequest', () => { saving = true; });
  autosave.addEventListener('htmx:afterRequest', () => {
    saving = false;
    if (held) {
      const submitter = held;
      held = null;
      form.dataset.confirmed = 'true';
      form.requestSubmit(submitter);
    }
  });
  document.addEventListener('submit', event => {
    if (event.target !== form || event.defaultPrevented) {
      return;
    }

    if (saving) {
      event.preventDefault();
      held = event.submitter ?? form.querySelector('[type="submit"]');
    } else {
      sent = true;
    }
  });
});

// Every htmx request carries the page's antiforgery token in the header the server names, so a
// change made from these pages is told apart from one a page on another site makes with the cookie.
const antiforgery = document.querySelector('meta[name="antiforgery"]');
document.addEventListener('htmx:configRequest', event => {
  if (antiforgery) {
    event.detail.headers[antiforgery.dataset.header] = antiforgery.content;
  }
});

// Print buttons: a data attribute instead of an inline onclick, which the Content-Security-Policy refuses.
document.addEventListener('click', event => {
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});

// Automatic sign-out: the session ends after the practice's idle time (the meta tag, in minutes). A minute
// before, offer to stay signed in (a request renews the cookie); at the end, go to the sign-in page.
(() => {
  const idle = Number(document.querySelector('meta[name="caseload-idle-minutes"]')?.content);
  if (!idle) {
    return;
  }

  const idleMs = idle * 60_000;
  let warnTimer;
  let endTimer;
  let warning;

  const end = () => {
    const back = location.pathname + location.search;
    location.assign(`/Account/Login?idle=true&ReturnUrl=${encodeURIComponent(back)}`);
  };

  const stay = async () => {
    const answer = await fetch('/Account/KeepAlive', { credentials: 'same-origin', cache: 'no-store' });
    if (answer.status === 204) {
      restart();
    } else {
      end();
    }
  };

  const warn = () => {
    warning = document.createElement('div');
    warning.className = 'idle-warning alert alert-warning shadow d-flex align-items-center gap-3';
    warning.setAttribute('role', 'alertdialog');
    warning.setAttribute('aria-live', 'assertive');
    warning.dataset.testid = 'idle-warning';
    const text = document.createElement('span');
    text.textContent = 'You will be signed out in a minute because nothing has happened for a while.';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-primary btn-sm text-nowrap';
    button.textContent = 'Stay signed in';
    button.addEventListener('click', stay);
    warning.append(text, button);
    document.body.append(warning);
    button.focus();
  };

  const restart = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warning?.remove();
    warning = undefined;
    warnTimer = setTimeout(warn, Math.max(idleMs - 60_000, 0));
    endTimer = setTimeout(end, idleMs);
  };

  // Requests htmx makes (autosaved notes among them) renew the session too.
  document.addEventListener('htmx:afterRequest', restart);
  restart();
})();
