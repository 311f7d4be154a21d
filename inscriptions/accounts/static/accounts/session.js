/*
 * Session expiry warning (RGAA 13.1, WCAG 2.2.1): the session ends after SESSION_COOKIE_AGE
 * seconds without a request. Some time before, a DSFR modal offers to extend it; at expiry, the
 * page goes to the login page, which brings the user back here afterwards.
 *
 * The session lasts from its last write on the server, which may be a little before this page
 * was served (data-session-elapsed seconds).
 *
 * Tabs share the moment of the last activity through localStorage, so that a tab left open does
 * not warn (nor log out) while the user works in another one.
 */
(function () {
  "use strict";

  var modal = document.getElementById("session-expiry-modal");
  if (!modal) {
    return;
  }
  var timeout = Number(modal.dataset.sessionTimeout) * 1000;
  var warning = Number(modal.dataset.sessionWarning) * 1000;
  var extendButton = modal.querySelector("[data-session-extend]");
  var STORAGE_KEY = "inscriptions.session.last-activity";
  // Leave the server a moment to see the session as expired before going to the login page.
  var EXPIRY_MARGIN = 1000;
  var warningTimer = null;
  var expiryTimer = null;
  var opened = false;
  var extending = false;

  function share(moment) {
    try {
      window.localStorage.setItem(STORAGE_KEY, String(moment));
    } catch (error) {
      // Storage refused (private browsing): each tab keeps its own timer.
    }
  }

  function schedule(lastActivity) {
    var elapsed = Date.now() - lastActivity;
    window.clearTimeout(warningTimer);
    window.clearTimeout(expiryTimer);
    warningTimer = window.setTimeout(open, Math.max(0, timeout - warning - elapsed));
    expiryTimer = window.setTimeout(expire, Math.max(0, timeout - elapsed) + EXPIRY_MARGIN);
  }

  function isVisible() {
    return modal.getClientRects().length > 0 && window.getComputedStyle(modal).visibility !== "hidden";
  }

  function focusWhenVisible(attempts) {
    if (isVisible()) {
      extendButton.focus();
    } else if (attempts > 0) {
      window.requestAnimationFrame(function () {
        focusWhenVisible(attempts - 1);
      });
    }
  }

  function open() {
    opened = true;
    if (window.dsfr) {
      window.dsfr(modal).modal.disclose();
    } else {
      modal.setAttribute("open", "");
      modal.classList.add("fr-modal--opened");
    }
    focusWhenVisible(60);
  }

  function close() {
    if (!opened) {
      return;
    }
    opened = false;
    if (window.dsfr) {
      window.dsfr(modal).modal.conceal();
    } else {
      modal.removeAttribute("open");
      modal.classList.remove("fr-modal--opened");
    }
  }

  function expire() {
    var next = window.location.pathname + window.location.search;
    window.location.assign(modal.dataset.loginUrl + "?next=" + encodeURIComponent(next));
  }

  function extend() {
    if (extending) {
      return;
    }
    extending = true;
    window
      .fetch(modal.dataset.extendUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": modal.dataset.csrfToken },
      })
      .then(
        function (response) {
          if (response.status !== 204) {
            expire();
            return;
          }
          var now = Date.now();
          share(now);
          schedule(now);
          close();
        },
        function () {
          // Network error: the modal stays open, so the user can try again.
        }
      )
      .finally(function () {
        extending = false;
      });
  }

  extendButton.addEventListener("click", extend);
  document.addEventListener("keydown", function (event) {
    if (opened && event.key === "Escape") {
      close();
    }
  });
  modal.addEventListener("dsfr.conceal", function () {
    opened = false;
  });
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY && event.newValue) {
      schedule(Number(event.newValue));
      close();
    }
  });

  var lastWrite = Date.now() - Number(modal.dataset.sessionElapsed || 0) * 1000;
  share(lastWrite);
  schedule(lastWrite);
})();
