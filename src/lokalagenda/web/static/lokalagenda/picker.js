// The picker (ui/widgets.py): turns every <select data-picker> into a searchable combobox following the WAI-ARIA
// combobox pattern with a listbox popup. A <select multiple> also shows the chosen items as removable tags
// (buttons named "Remove …"). The select stays in the form, hidden, and holds what is submitted, so the page works
// the same without JavaScript. Its texts come from the JSON block #picker-texts (ui.widgets.picker_texts).
//
// Keyboard in the text box: Down/Up open the list and move through it, Enter chooses (or, in a multiple picker,
// unchooses) the highlighted option, Escape closes the list or else clears the text, Backspace in an empty box
// removes the last tag. Search ignores case and accents (á, č, đ, ŋ, š, ŧ, ž, ä, ö, æ, ø, å), word by word.
(function () {
  "use strict";
  var texts = {};
  var counter = 0;
  // Letters that Unicode does not split into a base letter and an accent.
  var FOLD = { "đ": "d", "ŋ": "n", "ŧ": "t", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "ʼ": "'" };

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đŋŧøæœßłʼ]/g, function (letter) { return FOLD[letter]; });
  }

  function say(key, values) {
    var text = texts[key] || "";
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  function counted(key, count) {
    return say(count === 1 ? key + "_one" : key + "_other", { count: count });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function Picker(select) {
    this.select = select;
    this.multiple = select.multiple;
    this.max = parseInt(select.getAttribute("data-picker-max") || "0", 10) || 0;
    this.required = select.required;
    this.id = (select.id || "picker-" + (++counter)) + "-picker";
    // An option without a value ("---------") is no choice: a single picker empties its text box to choose it.
    this.empty = Array.prototype.find.call(select.options, function (option) { return option.value === ""; });
    this.options = Array.prototype.filter.call(select.options, function (option) {
      return option.value !== "";
    }).map(function (option, index) {
      return { option: option, label: option.textContent.trim(), search: fold(option.textContent), index: index };
    });
    this.entries = new Map(this.options.map(function (entry) { return [entry.option, entry]; }));
    this.shown = [];
    this.active = -1;
    this.build();
    this.render();
  }

  Picker.prototype.build = function () {
    var select = this.select;
    var box = element("div", { "class": "picker" + (this.multiple ? " picker--multiple" : "") });
    var described = (select.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      var hint = id && document.getElementById(id);
      if (hint && hint.classList.contains("picker-hint")) { hint.hidden = true; return false; }
      return Boolean(id);
    });
    var label = select.labels && select.labels.length ? select.labels[0] : null;
    var name = label ? label.textContent.trim() : (select.getAttribute("aria-label") || "");
    if (this.multiple) {
      this.tags = element("ul", { "class": "picker__tags", "aria-label": say("chosen_list", { label: name }) });
      box.appendChild(this.tags);
    }
    var field = element("div", { "class": "picker__field" });
    var instructions = element("span", { id: this.id + "-instructions", "class": "ds-sr-only" }, say("search"));
    this.input = element("input", {
      type: "text", id: this.id, "class": "ds-input picker__input", role: "combobox", autocomplete: "off",
      spellcheck: "false", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": this.id + "-list",
      "aria-describedby": described.concat([this.id + "-instructions"]).join(" ")
    });
    if (select.getAttribute("aria-invalid")) { this.input.setAttribute("aria-invalid", select.getAttribute("aria-invalid")); }
    this.list = element("ul", { id: this.id + "-list", role: "listbox", "class": "picker__list", "aria-label": name });
    if (this.multiple) { this.list.setAttribute("aria-multiselectable", "true"); }
    this.list.hidden = true;
    this.status = element("div", { "class": "ds-sr-only", role: "status", "aria-live": "polite" });
    field.appendChild(this.input);
    field.appendChild(instructions);
    field.appendChild(this.list);
    box.appendChild(field);
    box.appendChild(this.status);
    if (label) { label.htmlFor = this.id; }
    select.hidden = true;
    select.required = false;
    select.tabIndex = -1;
    select.parentNode.insertBefore(box, select.nextSibling);
    this.box = box;
    this.listen();
  };

  Picker.prototype.listen = function () {
    var picker = this;
    this.input.addEventListener("input", function () { picker.filter(true); });
    this.input.addEventListener("keydown", function (event) { picker.key(event); });
    this.input.addEventListener("click", function () { if (picker.list.hidden) { picker.filter(false); } });
    this.input.addEventListener("blur", function () {
      window.setTimeout(function () {
        if (!picker.box.contains(document.activeElement)) { picker.close(); picker.leave(); }
      }, 150);
    });
    // Mouse: choosing an option keeps the focus in the text box.
    this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.list.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) { picker.choose(picker.options[Number(item.dataset.index)]); }
    });
    if (this.tags) {
      this.tags.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-index]");
        if (button) { picker.removeTag(Number(button.dataset.index), button); }
      });
    }
    this.select.addEventListener("change", function () { picker.render(); });
  };

  // The chosen entries in the order the select submits them (the order they were chosen in, see choose).
  Picker.prototype.chosen = function () {
    var entries = this.entries;
    return Array.prototype.map.call(this.select.selectedOptions, function (option) { return entries.get(option); })
      .filter(Boolean);
  };

  Picker.prototype.full = function () {
    return this.multiple && this.max > 0 && this.chosen().length >= this.max;
  };

  // The options whose text holds every word of the query (ignoring case and accents); words that start an option's
  // word come first.
  Picker.prototype.matches = function (query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) { return this.options.slice(); }
    var found = this.options.filter(function (entry) {
      return words.every(function (word) { return entry.search.indexOf(word) !== -1; });
    });
    var first = " " + words[0].replace(/[^0-9a-z]+/g, " ").trim();
    var starts = function (entry) {
      return (" " + entry.search.replace(/[^0-9a-z]+/g, " ")).indexOf(first) !== -1 ? 0 : 1;
    };
    return found.sort(function (a, b) { return starts(a) - starts(b) || a.index - b.index; });
  };

  Picker.prototype.filter = function (typed) {
    var query = this.input.value;
    if (!this.multiple && !typed) { query = ""; }
    this.shown = this.matches(query);
    this.active = typed && query.trim() && this.shown.length ? 0 : -1;
    this.drawList();
    this.open();
    if (typed) {
      this.announce(this.shown.length ? counted("results", this.shown.length) : say("no_results"));
    }
  };

  Picker.prototype.drawList = function () {
    var picker = this;
    var full = this.full();
    this.list.textContent = "";
    this.shown.forEach(function (entry, position) {
      var selected = entry.option.selected;
      var item = element("li", {
        id: picker.id + "-option-" + entry.index, role: "option", "class": "picker__option",
        "aria-selected": selected ? "true" : "false"
      }, entry.label);
      item.dataset.index = String(entry.index);
      if (full && !selected) { item.setAttribute("aria-disabled", "true"); }
      if (position === picker.active) { item.classList.add("picker__option--active"); }
      picker.list.appendChild(item);
    });
    this.showActive();
  };

  Picker.prototype.showActive = function () {
    var current = this.shown[this.active];
    var items = this.list.children;
    for (var i = 0; i < items.length; i++) { items[i].classList.toggle("picker__option--active", i === this.active); }
    if (current) {
      var item = items[this.active];
      this.input.setAttribute("aria-activedescendant", item.id);
      if (item.scrollIntoView) { item.scrollIntoView({ block: "nearest" }); }
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Picker.prototype.open = function () {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Picker.prototype.move = function (step) {
    if (this.list.hidden) { this.filter(false); }
    if (!this.shown.length) { return; }
    var next = this.active + step;
    if (this.active === -1 && step < 0) { next = this.shown.length - 1; }
    this.active = Math.max(0, Math.min(this.shown.length - 1, next));
    this.showActive();
  };

  Picker.prototype.key = function (event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (event.altKey) { this.filter(false); } else { this.move(1); }
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.move(-1);
    } else if (event.key === "Enter") {
      if (!this.list.hidden) {
        event.preventDefault();
        if (this.shown[this.active]) { this.choose(this.shown[this.active]); }
      }
    } else if (event.key === "Escape") {
      if (!this.list.hidden) { event.preventDefault(); this.close(); this.restoreText(); }
      else if (this.input.value) { event.preventDefault(); this.input.value = ""; }
    } else if (event.key === "Backspace" && this.multiple && this.input.value === "") {
      var chosen = this.chosen();
      if (chosen.length) { event.preventDefault(); this.unchoose(chosen[chosen.length - 1]); }
    } else if (event.key === "Tab") {
      this.close();
    }
  };

  Picker.prototype.choose = function (entry) {
    if (!this.multiple) {
      this.select.value = entry.option.value;
      this.changed();
      this.close();
      this.restoreText();
      this.announce(say("added", { label: entry.label }));
      return;
    }
    if (entry.option.selected) { this.unchoose(entry); return; }
    if (this.full()) { this.announce(say("at_most", { count: this.max })); return; }
    // The newly chosen option moves to the end of the select, so the form sends the choices in the order they
    // were made (the comparison shows its kommuner in that order); the list keeps its own order.
    if (entry.option.parentNode === this.select) { this.select.appendChild(entry.option); }
    entry.option.selected = true;
    this.changed();
    this.input.value = "";
    var position = this.shown.indexOf(entry);
    this.filter(false);
    this.active = Math.max(0, this.shown.indexOf(entry) === -1 ? position : this.shown.indexOf(entry));
    this.showActive();
    this.announce(say("added", { label: entry.label }) + " " + counted("chosen", this.chosen().length));
  };

  Picker.prototype.unchoose = function (entry) {
    entry.option.selected = false;
    this.changed();
    if (!this.list.hidden) { this.drawList(); }
    this.announce(say("removed", { label: entry.label }) + " " + counted("chosen", this.chosen().length));
  };

  // A tag's button was pressed: remove it and give the focus to the next tag, or else to the text box.
  Picker.prototype.removeTag = function (index, button) {
    var item = button.closest("li");
    var next = item && (item.nextElementSibling || item.previousElementSibling);
    this.unchoose(this.options[index]);
    var target = next && this.tags.querySelector("button[data-index='" + next.querySelector("button").dataset.index + "']");
    (target || this.input).focus();
  };

  Picker.prototype.changed = function () {
    this.render();
    this.select.dispatchEvent(new Event("change", { bubbles: true }));
  };

  Picker.prototype.render = function () {
    var chosen = this.chosen();
    if (this.multiple) {
      var tags = this.tags;
      tags.textContent = "";
      chosen.forEach(function (entry) {
        var item = element("li");
        var button = element("button", {
          type: "button", "class": "ds-chip picker__tag", "data-removable": "true",
          "aria-label": say("remove", { label: entry.label })
        }, entry.label);
        button.dataset.index = String(entry.index);
        item.appendChild(button);
        tags.appendChild(item);
      });
      tags.hidden = chosen.length === 0;
    } else {
      this.restoreText();
    }
    var invalid = this.required && chosen.length === 0;
    this.input.setCustomValidity(invalid ? say("required") : "");
  };

  // Leaving a single picker whose text box was emptied chooses the empty option, where there is one.
  Picker.prototype.leave = function () {
    if (!this.multiple && this.empty && this.input.value.trim() === "" && this.select.value !== "") {
      this.select.value = "";
      this.changed();
    }
    this.restoreText();
  };

  // A single picker's text box shows the chosen option's text; a multiple one keeps what is typed.
  Picker.prototype.restoreText = function () {
    if (this.multiple) { return; }
    var chosen = this.chosen();
    this.input.value = chosen.length ? chosen[0].label : "";
  };

  Picker.prototype.announce = function (message) {
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  };

  function setUp() {
    var source = document.getElementById("picker-texts");
    if (source) { texts = JSON.parse(source.textContent); }
    document.querySelectorAll("select[data-picker]").forEach(function (select) {
      if (!select.dataset.pickerReady) {
        select.dataset.pickerReady = "true";
        new Picker(select);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
