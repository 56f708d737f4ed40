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
  const sharedToolbar = document.getElementById('shared-toolbar');
  const quickView = document.getElementById('quick-view');
  const quickPanel = bootstrap.Offcanvas.getOrCreateInstance(quickView);
  let quickId = null;
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

  // The quick view: who is invited and whether they came, the note's and invoices' status, read from the
  // server (so the caseload, the roles and the audit apply) into a panel beside the calendar.
  function showQuickView(id) {
    quickId = id;
    return htmx.ajax('GET', '/?handler=QuickView&id=' + encodeURIComponent(id), { target: '#quick-view', swap: 'innerHTML' })
      .then(() => quickPanel.show());
  }

  const attendanceRoutes = {
    attended: ['POST', 'attended'],
    unattended: ['DELETE', 'attended'],
    missed: ['POST', 'missed'],
    'undo-missed': ['DELETE', 'missed'],
  };

  // Attendance goes through the API, whose rules answer: a future session, a signed note, a payment taken.
  async function markAttendance(clientId, action, body) {
    const [method, path] = attendanceRoutes[action];
    const antiforgery = document.querySelector('meta[name="antiforgery"]');
    const headers = { [antiforgery.dataset.header]: antiforgery.content };
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch(`/api/v1/appointments/${encodeURIComponent(quickId)}/invitees/${encodeURIComponent(clientId)}/${path}`,
      { method, headers, body: body ? JSON.stringify(body) : undefined });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      const fields = Object.values(problem.errors || {}).flat();
      const box = quickView.querySelector('[data-quick-view-problem]');
      box.textContent = [problem.title || 'That could not be saved.', ...fields].join(' ');
      box.classList.remove('d-none');
      return;
    }
    await showQuickView(quickId);
    calendars.forEach(c => c.refetchEvents());
  }

  quickView.addEventListener('click', event => {
    const button = event.target.closest('[data-attendance]');
    if (button) markAttendance(button.dataset.clientId, button.dataset.attendance, null);
  });
  quickView.addEventListener('submit', event => {
    const form = event.target.closest('[data-missed]');
    if (!form) return;
    event.preventDefault();
    const charge = form.elements.charge.value;
    markAttendance(form.dataset.clientId, 'missed', { reason: form.elements.reason.value, charge: charge === '' ? null : Number(charge) });
  });

  // The week and day views open at the earliest appointment of the range shown (an evening group is not
  // below the fold), or at the practice's working hours when the range is empty.
  function scrollToEarliest(calendar, events) {
    const minutes = events.map(e => {
      const start = e.start.slice(11, 16).split(':');
      return Number(start[0]) * 60 + Number(start[1]);
    });
    const [startHour, startMinute] = config.dayStartsAt.split(':').map(Number);
    const earliest = minutes.length ? Math.max(Math.min(...minutes) - 30, 0) : startHour * 60 + startMinute;
    const pad = n => String(n).padStart(2, '0');
    calendar.scrollToTime(pad(Math.floor(earliest / 60)) + ':' + pad(earliest % 60) + ':00');
  }

  // A day or week view fits the window and scrolls inside; a month shows every week at once.
  function heightFor(viewType) {
    return viewType.startsWith('timeGrid') ? Math.max(420, window.innerHeight - 190) : 'auto';
  }

  function build(element, clinicianIds, primary, toolbar) {
    let scrolledRange = null;
    const calendar = new FullCalendar.Calendar(element, {
      timeZone: 'UTC',
      now: config.now,
      initialView: 'timeGridWeek',
      headerToolbar: toolbar
        ? { left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek,dayGridMonth' }
        : false,
      buttonText: { today: 'Today', day: 'Day', week: 'Week', month: 'Month' },
      businessHours: { daysOfWeek: [1, 2, 3, 4, 5], startTime: config.dayStartsAt, endTime: config.dayEndsAt },
      slotMinTime: '07:00:00',
      slotMaxTime: '21:00:00',
      scrollTime: config.dayStartsAt,
      allDaySlot: false,
      nowIndicator: true,
      height: heightFor('timeGridWeek'),
      eventDisplay: 'block',
      dayMaxEvents: 4,
      eventTimeFormat: clock,
      slotLabelFormat: clock,
      selectable: config.maySchedule,
      selectMirror: true,
      events: (info, success, failure) => {
        const query = new URLSearchParams({ handler: 'Events', start: info.startStr, end: info.endStr, clinicianIds: clinicianIds().join(',') });
        fetch('/?' + query.toString()).then(r => r.ok ? r.json() : Promise.reject(r.status)).then(events => {
          success(events);
          if (info.startStr !== scrolledRange && calendar.view.type.startsWith('timeGrid')) {
            scrolledRange = info.startStr;
            scrollToEarliest(calendar, events);
          }
        }, failure);
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
      eventClick: info => {
        info.jsEvent.preventDefault();
        showQuickView(info.event.id);
      },
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
      datesSet: view => {
        const height = heightFor(view.view.type);
        if (calendar.getOption('height') !== height) calendar.setOption('height', height);
        if (!primary) return;
        calendars.slice(1).forEach(c => c.changeView(view.view.type, view.start));
        sharedToolbar.querySelector('[data-calendar-title]').textContent = view.view.title;
        sharedToolbar.querySelectorAll('[data-calendar-view]').forEach(b => b.classList.toggle('active', b.dataset.calendarView === view.view.type));
      },
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
    const shared = columns.length > 1;
    root.classList.toggle('side-by-side', shared);
    sharedToolbar.classList.toggle('d-none', !shared);
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
      return build(element, () => ids || chosenClinicians(), index === 0, !shared);
    });
    if (current) calendars.forEach(c => c.changeView(current.type, current.currentStart));
  }

  // Side by side, one toolbar above the columns moves them all: each column is too narrow for its own.
  sharedToolbar.addEventListener('click', event => {
    const step = event.target.closest('[data-calendar]');
    const view = event.target.closest('[data-calendar-view]');
    if (step) calendars[0][step.dataset.calendar]();
    if (view) calendars[0].changeView(view.dataset.calendarView);
  });
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
