// The calendar feed page's copy button: copies the address from the field it names.
document.addEventListener('click', async event => {
  const button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }

  const field = document.getElementById(button.dataset.copy);
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    // Without clipboard access (a page not served over HTTPS) the address stays selected for copying by hand.
    document.execCommand('copy');
  }

  const done = document.getElementById(button.dataset.copied);
  done.hidden = false;
});
