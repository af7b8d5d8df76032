// The theme switch (#theme-switch) works in CSS alone, for the page it is on. This remembers the reader's
// choice on this device for the next pages: which scheme they chose, so that it holds while the system's
// own setting stays as it was and lapses when that changes.
(function () {
  var toggle = document.getElementById("theme-switch");
  if (!toggle || !window.localStorage) return;
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  var system = function () { return systemDark.matches ? "dark" : "light"; };
  var chosen = localStorage.getItem("theme");
  toggle.checked = Boolean(chosen) && chosen !== system();
  toggle.addEventListener("change", function () {
    if (toggle.checked) localStorage.setItem("theme", system() === "dark" ? "light" : "dark");
    else localStorage.removeItem("theme");
  });
})();
