// The dashboard calendar. Times arrive as the practice's wall-clock times and FullCalendar is
// told to show them as they are (timeZone 'UTC' does no conversion), whatever the browser's zone.
(function () {
  const root = document.getElementById('calendars');
  if (!root) return;
  const config = JSON.parse(root.dataset.config);
  const clock = root.dataset.dateFormat === 'us' ? { hour: 'numeric', minute: '2-digit', meridiem: 'short' } : { hour: '2-digit', minute: '2-digit', hour12: false };
  const windowElement = document.getElementById('appointment-window');
  const appointmentWindow = bootstrap.Modal.getOrCreateInstance(windowElement);
  const token = document.querySelector('#move-form input[name="__RequestVerificationToken"]').value;
  const pickers = Array.from(document.querySelectorAll('[data-clinician]'));
  const sideBySide = document.getElementById('side-by-side');
  let calendars = [];

  pickers.forEach(p => { p.checked = config.selected.includes(p.value); });

  function chosenClinicians() {
    return pickers.length ? pickers.filter(p => p.checked).map(p => p.value) : config.selected;
  }

  function openWindow(params) {
    const query = new URLSearchParams(params).toString();
    htmx.ajax('GET', '/Appointments/New' + (query ? '?' + query : ''), { target: '#appointment-window-host', swap: 'innerHTML' })
      .then(() => appointmentWindow.show());
  }

  async function move(info) {
    const body = new URLSearchParams({
      id: info.event.id,
      start: info.event.start.toISOString().slice(0, 19),
      end: info.event.end.toISOString().slice(0, 19),
      __RequestVerificationToken: token,
    });
    const antiforgery = document.querySelector('meta[name="antiforgery"]');
    const response = await fetch('/?handler=Move', { method: 'POST', body, headers: { [antiforgery.dataset.header]: antiforgery.content } });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      info.revert();
      alert(problem.message || 'The appointment could not be moved.');
    }
    // On success the calendar already shows the event where it was dropped: no refetch, no flicker.
  }

  function build(element, clinicianIds, primary) {
    const calendar = new FullCalendar.Calendar(element, {
      timeZone: 'UTC',
      now: config.now,
      initialView: 'timeGridWeek',
      headerToolbar: primary
        ? { left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek,dayGridMonth' }
        : { left: '', center: 'title', right: '' },
      buttonText: { today: 'Today', day: 'Day', week: 'Week', month: 'Month' },
      businessHours: { daysOfWeek: [1, 2, 3, 4, 5], startTime: config.dayStartsAt, endTime: config.dayEndsAt },
      slotMinTime: '07:00:00',
      slotMaxTime: '21:00:00',
      scrollTime: config.dayStartsAt,
      allDaySlot: false,
      nowIndicator: true,
      height: 'auto',
      eventDisplay: 'block',
      eventTimeFormat: clock,
      slotLabelFormat: clock,
      selectable: config.maySchedule,
      selectMirror: true,
      events: (info, success, failure) => {
        const query = new URLSearchParams({ handler: 'Events', start: info.startStr, end: info.endStr, clinicianIds: clinicianIds().join(',') });
        fetch('/?' + query.toString()).then(r => r.ok ? r.json() : Promise.reject(r.status)).then(success, failure);
      },
      select: info => {
        const ids = clinicianIds();
        const params = { start: info.startStr.slice(0, 16) };
        if (ids.length === 1) params.clinicianId = ids[0];
        openWindow(params);
        calendar.unselect();
      },
      eventDrop: move,
      eventResize: move,
      eventClick: info => { window.location.href = '/Appointments/' + info.event.id; },
      eventDidMount: info => {
        const p = info.event.extendedProps;
        info.el.title = [info.event.title, p.location].filter(Boolean).join(' · ');
        if (p.missed > 0) {
          const badge = document.createElement('span');
          badge.className = 'badge text-bg-danger ms-1';
          badge.textContent = p.missed + ' missed';
          (info.el.querySelector('.fc-event-title') || info.el).appendChild(badge);
        }
      },
      datesSet: primary ? view => calendars.slice(1).forEach(c => c.changeView(view.view.type, view.start)) : undefined,
    });
    calendar.render();
    return calendar;
  }

  function render() {
    calendars.forEach(c => c.destroy());
    root.replaceChildren();
    const chosen = chosenClinicians();
    const columns = sideBySide && sideBySide.checked && chosen.length > 1
      ? chosen.map(id => [id])
      : [null];
    root.classList.toggle('side-by-side', columns.length > 1);
    const current = calendars[0] && calendars[0].view;
    calendars = columns.map((ids, index) => {
      const column = document.createElement('div');
      column.className = 'calendar-column';
      if (ids) {
        const clinician = config.clinicians.find(c => c.id === ids[0]);
        const heading = document.createElement('h2');
        heading.className = 'h6 mb-1';
        heading.innerHTML = '<span class="legend-dot"></span>';
        heading.firstChild.style.background = clinician.color;
        heading.append(clinician.name);
        column.appendChild(heading);
      }
      const element = document.createElement('div');
      column.appendChild(element);
      root.appendChild(column);
      return build(element, () => ids || chosenClinicians(), index === 0);
    });
    if (current) calendars.forEach(c => c.changeView(current.type, current.currentStart));
  }

  pickers.forEach(p => p.addEventListener('change', render));
  if (sideBySide) sideBySide.addEventListener('change', render);
  document.querySelectorAll('[data-new-appointment]').forEach(b => b.addEventListener('click', () => {
    const ids = chosenClinicians();
    openWindow(ids.length === 1 ? { clinicianId: ids[0] } : {});
  }));
  document.body.addEventListener('appointment-saved', () => {
    calendars.forEach(c => c.refetchEvents());
    setTimeout(() => appointmentWindow.hide(), 900);
  });
  render();
})();

// Invitee rows can be removed before the first save (rule 6); the conflict check then runs again.
document.addEventListener('click', event => {
  const button = event.target.closest('[data-remove-row]');
  if (!button) return;
  const form = button.closest('form');
  button.closest('tr').remove();
  form.dispatchEvent(new Event('change', { bubbles: true }));
});
