/* The theme's header buttons that run code (print to PDF, full screen): their actions, attached from this file.
 * The theme writes them as inline onclick handlers, which the pages' Content-Security-Policy blocks;
 * _templates/article-header-buttons.html writes data-book-action="<the button's label>" instead. */
(function () {
  "use strict";
  var actions = {
    "download-pdf-button": function () { window.print(); },
    "fullscreen-button": function () { window.toggleFullScreen(); },  // defined by the theme's script
  };
  function attach() {
    document.querySelectorAll("[data-book-action]").forEach(function (button) {
      var action = actions[button.dataset.bookAction];
      if (action) button.addEventListener("click", action);
      else console.error("book-actions.js: no action for the button " + button.dataset.bookAction);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
  else attach();
})();
