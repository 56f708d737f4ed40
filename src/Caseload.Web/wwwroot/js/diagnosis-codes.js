// A client's diagnoses are an ordered list (the first is the primary one on every claim): rows are added, removed
// and moved with buttons, and each row's label says its place. Without scripts the form still posts its rows.
document.querySelectorAll('[data-diagnoses]').forEach(section => {
  const list = section.querySelector('.diagnosis-list');

  const renumber = () => {
    list.querySelectorAll('.diagnosis-row').forEach((row, i) => {
      const place = i + 1;
      row.querySelector('.diagnosis-code').setAttribute('aria-label', `Diagnosis ${place}${place === 1 ? ' (primary)' : ''}`);
      row.querySelector('[data-diagnosis="up"]').setAttribute('aria-label', `Move diagnosis ${place} up`);
      row.querySelector('[data-diagnosis="down"]').setAttribute('aria-label', `Move diagnosis ${place} down`);
      row.querySelector('[data-diagnosis="remove"]').setAttribute('aria-label', `Remove diagnosis ${place}`);
    });
  };

  const addRow = () => {
    const template = list.querySelector('.diagnosis-row');
    const row = template.cloneNode(true);
    row.querySelector('.diagnosis-code').value = '';
    row.querySelector('.diagnosis-code').classList.remove('input-validation-error');
    row.querySelector('.field-validation-error')?.remove();
    list.append(row);
    renumber();
    row.querySelector('.diagnosis-code').focus();
  };

  section.addEventListener('click', event => {
    const button = event.target.closest('[data-diagnosis]');
    if (!button) {
      return;
    }

    const row = button.closest('.diagnosis-row');
    switch (button.dataset.diagnosis) {
      case 'add':
        addRow();
        return;
      case 'up':
        row.previousElementSibling?.before(row);
        break;
      case 'down':
        row.nextElementSibling?.after(row);
        break;
      case 'remove':
        if (list.querySelectorAll('.diagnosis-row').length === 1) {
          row.querySelector('.diagnosis-code').value = '';
        } else {
          row.remove();
        }
        break;
    }

    renumber();
  });
});
