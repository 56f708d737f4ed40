// Asks before a form does something hard to undo. The question is in data-confirm, so names with
// apostrophes or quotes are plain text, never part of a script.
document.addEventListener('submit', event => {
  const question = event.submitter?.dataset.confirm ?? event.target.dataset.confirm;
  if (question && !confirm(question)) {
    event.preventDefault();
  }
});
