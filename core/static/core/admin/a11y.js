/*
 * Accessible names for Wagtail admin controls that Wagtail leaves unnamed.
 *
 * 1. Rich-text (Draftail) editors: Wagtail's <label for> points at the hidden
 *    input the editor replaces, so the role="textbox" element a screen reader
 *    meets has no name (axe aria-input-field-name). Each editor is given
 *    aria-labelledby pointing at its field's label, its StructBlock child's
 *    label, or its StreamField block's type label ("Text", "Transcript"...).
 *    Remove this part when the pinned Wagtail includes the fix for
 *    wagtail/wagtail#14205.
 * 2. Tag fields (images, documents): the text box the tag widget adds has no
 *    label (axe label); it is labelled by the tag field's label.
 * 3. The user creation form's "Roles" button is an <a role="tab"> outside
 *    any tablist (axe aria-required-parent): it is a link to the Roles tab,
 *    so it loses the tab role (the tabs controller still handles the click).
 * 4. wagtail-localize's translation editor: the PO upload's file input (the
 *    "Upload PO file" button opens it) is named by that button and left out
 *    of the tab order (the button is the control); the text box a segment is
 *    translated in is named by the segment's source text.
 *
 * Editors and tag boxes added later (a block inserted, an inline form added,
 * a chooser opened) are named as they appear (MutationObserver). The script
 * only adds attributes: it never moves focus or changes what is announced
 * apart from the missing name.
 */
(function () {
  "use strict";

  var counter = 0;

  function ensureId(element, preferred) {
    if (!element.id) {
      var id = preferred;
      if (!id || document.getElementById(id)) {
        counter += 1;
        id = "lms-a11y-label-" + counter;
      }
      element.id = id;
    }
    return element.id;
  }

  function labelFor(input) {
    if (!input || !input.id) {
      return null;
    }
    var escaped = window.CSS && CSS.escape ? CSS.escape(input.id) : input.id;
    return document.querySelector('label[for="' + escaped + '"]');
  }

  function editorLabel(textbox) {
    var wrapper = textbox.closest("[data-draftail-editor-wrapper]");
    if (!wrapper) {
      return null;
    }
    var input = wrapper.parentElement.querySelector(
      ':scope > input[type="hidden"]'
    );
    // A field of a form (a page's RichTextField): its own label.
    var label = labelFor(input);
    if (label) {
      return { element: label, id: input.id + "-label" };
    }
    // A StructBlock child (a video's transcript): the label beside it.
    var child = wrapper.closest("[data-contentpath]");
    label = child && child.querySelector(":scope > label");
    if (label) {
      return { element: label, id: input && input.id ? input.id + "-label" : "" };
    }
    // A block straight in a StreamField or ListBlock: its block type label,
    // else the whole block heading.
    var section = wrapper.closest("section[data-panel]");
    if (section) {
      var heading = section.querySelector(
        ":scope > .w-panel__header [data-panel-heading]"
      );
      var type = heading && heading.querySelector(".c-sf-block__type");
      if (type && type.textContent.trim()) {
        return { element: type, id: section.id ? section.id + "-type" : "" };
      }
      if (heading) {
        return { element: heading, id: "" };
      }
    }
    return null;
  }

  function nameEditors(root) {
    var textboxes = root.querySelectorAll(
      '[data-draftail-editor-wrapper] [role="textbox"][contenteditable]'
    );
    textboxes.forEach(function (textbox) {
      if (
        textbox.hasAttribute("aria-labelledby") ||
        textbox.hasAttribute("aria-label")
      ) {
        return;
      }
      var found = editorLabel(textbox);
      if (found) {
        textbox.setAttribute(
          "aria-labelledby",
          ensureId(found.element, found.id)
        );
      }
    });
  }

  function nameTagBoxes(root) {
    root.querySelectorAll("ul.tagit input[type=text]").forEach(function (box) {
      if (box.hasAttribute("aria-labelledby") || box.hasAttribute("aria-label")) {
        return;
      }
      var list = box.closest("ul.tagit");
      var input = list.previousElementSibling;
      var label = labelFor(input);
      if (label) {
        box.setAttribute(
          "aria-labelledby",
          ensureId(label, input.id + "-label")
        );
      }
    });
  }

  function untabStrayTriggers(root) {
    root
      .querySelectorAll('a[role="tab"][data-w-tabs-target="trigger"]')
      .forEach(function (link) {
        if (!link.closest('[role="tablist"]')) {
          link.removeAttribute("role");
        }
      });
  }

  function nameTranslationEditor(root) {
    root
      .querySelectorAll('.js-translation-editor form input[type="file"]')
      .forEach(function (input) {
        if (input.hasAttribute("aria-labelledby")) {
          return;
        }
        var button = input.form.parentElement.querySelector("button");
        if (button) {
          input.setAttribute("aria-labelledby", ensureId(button, ""));
          input.setAttribute("tabindex", "-1");
        }
      });
    root
      .querySelectorAll(".js-translation-editor li textarea")
      .forEach(function (box) {
        if (box.hasAttribute("aria-labelledby") || box.hasAttribute("aria-label")) {
          return;
        }
        var source = box.closest("li").querySelector("p");
        if (source) {
          box.setAttribute("aria-labelledby", ensureId(source, ""));
        }
      });
  }

  function nameAll() {
    nameEditors(document);
    nameTagBoxes(document);
    untabStrayTriggers(document);
    nameTranslationEditor(document);
  }

  var pending = false;
  function schedule() {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      nameAll();
    });
  }

  function start() {
    nameAll();
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
