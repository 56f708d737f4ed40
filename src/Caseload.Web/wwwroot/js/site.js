// Asks before a form does something hard to undo. The question is in data-confirm, so names with
// apostrophes or quotes are plain text, never part of a script.
document.addEventListener('submit', event => {
  const question = event.submitter?.dataset.confirm ?? event.target.dataset.confirm;
  if (question && !confirm(question)) {
    event.preventDefault();
  }
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
