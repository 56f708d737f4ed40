// The client portal's Print buttons: the page's own print layout (portal.css) leaves out navigation and buttons.
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
