// Timed quizzes: a polite status message at 5 minutes and at 1 minute left,
// each once, with a button that pauses the quiz (it presses the page's own
// Pause button, so the answers on the page are saved first). Nothing counts
// down on screen and nothing is said between the two warnings. The page
// works the same without this script: its text says the time left on load.
(function () {
  "use strict";
  var region = document.getElementById("quiz-time-warning");
  if (!region) {
    return;
  }
  var secondsLeft = parseInt(region.getAttribute("data-seconds-left"), 10);
  if (!(secondsLeft > 0)) {
    return;
  }
  var deadline = Date.now() + secondsLeft * 1000;
  // A warning is due when that much time is left; one already passed when
  // the page loaded is not given (the page's text says the time left).
  var due = [300, 60].filter(function (mark) {
    return secondsLeft > mark;
  });

  function show(mark) {
    var template = document.getElementById("quiz-warning-" + mark);
    if (template) {
      region.replaceChildren(template.content.cloneNode(true));
    }
  }

  function schedule() {
    if (!due.length) {
      return;
    }
    var wait = deadline - due[0] * 1000 - Date.now();
    window.setTimeout(check, Math.max(wait, 0));
  }

  function check() {
    var left = (deadline - Date.now()) / 1000;
    var reached = null;
    while (due.length && left <= due[0]) {
      reached = due.shift();
    }
    if (reached !== null) {
      show(reached);
    }
    schedule();
  }

  region.addEventListener("click", function (event) {
    if (!event.target.closest("[data-quiz-pause]")) {
      return;
    }
    var pause = document.getElementById("quiz-pause");
    if (pause) {
      pause.click();
    }
  });

  schedule();
})();
