/* The story form's language tabs, live word counts and photo preview: what each does, and how it
 * reads without JavaScript, is told in templates/articles/filing/article_form.html. */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 992px)");

  function languageTabs(container) {
    var panels = Array.prototype.slice.call(container.querySelectorAll(":scope > .story-language"));
    if (panels.length < 2) {
      return;
    }
    var tablist = document.createElement("div");
    tablist.className = "nav nav-tabs mb-3";
    tablist.setAttribute("role", "tablist");
    tablist.setAttribute("aria-label", container.dataset.tabsLabel);
    var tabs = panels.map(function (panel) {
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "nav-link";
      tab.id = panel.id + "-tab";
      tab.textContent = panel.dataset.tabLabel;
      tab.lang = panel.dataset.tabLang;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      tablist.appendChild(tab);
      return tab;
    });
    container.parentNode.insertBefore(tablist, container); // outside the row of columns
    var current = 0;

    function select(index, moveFocus) {
      current = index;
      tabs.forEach(function (tab, n) {
        var selected = n === index;
        tab.classList.toggle("active", selected);
        tab.setAttribute("aria-selected", String(selected));
        tab.tabIndex = selected ? 0 : -1;
        panels[n].hidden = !WIDE.matches && !selected;
      });
      if (moveFocus) {
        tabs[index].focus();
      }
    }

    function layout() {
      var narrow = !WIDE.matches;
      tablist.hidden = !narrow;
      panels.forEach(function (panel, n) {
        panel.querySelector(".story-language-heading").classList.toggle("visually-hidden", narrow);
        if (narrow) {
          panel.setAttribute("role", "tabpanel");
          panel.setAttribute("aria-labelledby", tabs[n].id);
        } else {
          panel.removeAttribute("role");
          panel.setAttribute("aria-labelledby", panel.id + "-heading");
        }
      });
      select(current, false);
    }

    tabs.forEach(function (tab, n) {
      tab.addEventListener("click", function () { select(n, false); });
    });
    tablist.addEventListener("keydown", function (event) {
      var next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next !== undefined) {
        event.preventDefault();
        select((next + tabs.length) % tabs.length, true);
      }
    });
    // A link into another tab (the error summary's) opens it, before form-errors.js focuses the field.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      var n = target ? panels.findIndex(function (panel) { return panel.contains(target); }) : -1;
      if (n >= 0 && n !== current) {
        select(n, false);
      }
    }, true);
    WIDE.addEventListener("change", layout);
    current = Math.max(0, panels.findIndex(function (panel) { return panel.querySelector(".is-invalid"); }));
    layout();
  }

  function storyStats(stats) {
    var source = document.getElementById(stats.dataset.storyStats);
    var perMinute = parseInt(stats.dataset.wordsPerMinute, 10);
    var words = stats.querySelector(".story-stats-words");
    var minutes = stats.querySelector(".story-stats-minutes");
    var digits = stats.dataset.digits || "0123456789";
    function shown(n) {
      return String(n).replace(/\d/g, function (d) { return digits[d]; });
    }
    function update() {
      // As articles/forms/filing.py count_words: tags count as spaces.
      var count = source.value.replace(/</g, " <").replace(/<[^>]*>/g, "").split(/\s+/).filter(Boolean).length;
      words.textContent = shown(count);
      minutes.textContent = shown(count ? Math.max(1, Math.ceil(count / perMinute)) : 0);
    }
    if (source && words && minutes && perMinute) {
      source.addEventListener("input", update);
      update();
    }
  }

  function photoPreview(figure) {
    var input = document.getElementById(figure.dataset.photoPreview);
    var altField = document.getElementById(figure.dataset.altFrom);
    var image = document.createElement("img");
    image.className = "figure-img img-fluid rounded";
    figure.insertBefore(image, figure.firstChild);
    function describe() {
      image.alt = (altField && altField.value.trim()) || figure.dataset.defaultAlt;
    }
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      figure.hidden = true;
      if (file && /^image\//.test(file.type)) {
        var reader = new FileReader();
        reader.addEventListener("load", function () {
          describe();
          image.src = reader.result;
          figure.hidden = false;
        });
        reader.readAsDataURL(file);
      }
    });
    if (altField) {
      altField.addEventListener("input", describe);
    }
  }

  function start() {
    document.querySelectorAll("[data-language-tabs]").forEach(languageTabs);
    document.querySelectorAll("[data-story-stats]").forEach(storyStats);
    document.querySelectorAll("[data-photo-preview]").forEach(photoPreview);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
