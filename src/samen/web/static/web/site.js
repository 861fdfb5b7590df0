// samen: small enhancements. Every page works without this script; it adds copy buttons, the live
// preview, printing, the FAQ filter, the parts of a form one choice needs, and a warning before leaving
// unsent text.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function announce(message) {
    var live = document.getElementById("live");
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
  }

  function reveal(selector) {
    document.querySelectorAll(selector).forEach(function (el) { el.hidden = false; });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy")); }
    });
  }

  function setUpCopy() {
    reveal("[data-copy-target]");
    var body = document.body;
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy-target"));
        if (!source) return;
        copyText(source.value).then(function () {
          // The button names where this text goes on its platform; the page's word is a plain "Copied."
          var said = button.getAttribute("data-copied") || body.getAttribute("data-copied");
          announce(said);
          // Seen as well as heard: the next step stays beside the message that was copied.
          var block = button.closest(".message-block");
          var seen = block && block.querySelector("[data-copy-status]");
          if (seen) seen.textContent = said;
        }, function () {
          source.focus();
          source.select();
          announce(body.getAttribute("data-copy-failed"));
        });
      });
    });
  }

  function setUpPrint() {
    reveal("[data-print]");
    document.querySelectorAll("[data-print] button").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function setUpPreview() {
    var form = document.querySelector("form[data-preview-url]");
    if (!form) return;
    var url = form.getAttribute("data-preview-url");
    var status = form.querySelector("[data-status]");
    var timer = null;
    var sequence = 0;

    function update() {
      var mine = ++sequence;
      var data = new URLSearchParams();
      form.querySelectorAll("textarea[name], input[name]").forEach(function (field) {
        if (field.name === "admin_text" || field.name === "group") data.append(field.name, field.value);
      });
      fetch(url, {
        method: "POST",
        body: data,
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json();
      }).then(function (result) {
        if (mine !== sequence) return;
        var bubble = document.querySelector('[data-preview="intro"]');
        if (bubble) bubble.innerHTML = result.html;
        var source = document.querySelector('[data-copy-source="intro"]');
        if (source) source.value = result.text;
        var share = document.querySelector("[data-share]");
        if (share && result.share) share.setAttribute("href", result.share);
        if (result.announcement) {
          var page = document.querySelector('[data-preview="announcement"]');
          if (page) page.innerHTML = result.announcement;
          var html = document.querySelector('[data-copy-source="announcement"]');
          if (html) html.value = result.announcement;
        }
        var field = form.querySelector("#id_admin_text");
        if (result.ok) {
          status.textContent = form.getAttribute("data-updated") || "";
          status.classList.remove("is-error");
          if (field) field.removeAttribute("aria-invalid");
        } else {
          status.textContent = result.errors.join(" ");
          status.classList.add("is-error");
          if (field) field.setAttribute("aria-invalid", "true");
        }
      }).catch(function () { /* the preview button still works */ });
    }

    form.addEventListener("input", function (event) {
      var name = event.target && event.target.name;
      if (name !== "admin_text" && name !== "group") return;
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 250);
    });
  }

  function setUpFaq() {
    // The server searches (word forms, synonyms, typos); the script only asks it while you type.
    var form = document.querySelector("[data-faq-search]");
    if (!form || !window.fetch) return;
    var input = form.querySelector("input[type=search]");
    var count = form.querySelector("[data-faq-count]");
    var none = document.querySelector("[data-faq-none]");
    var entries = Array.prototype.slice.call(document.querySelectorAll("[data-faq-entry]"));
    var timer = null;
    var asked = 0;

    function show(ids, searched) {
      var shown = 0;
      entries.forEach(function (entry) {
        var id = entry.getAttribute("data-faq-entry");
        var match = ids.indexOf(id) !== -1;
        entry.hidden = !match;
        var link = document.querySelector('[data-faq-link="' + id + '"]');
        if (link) link.hidden = !match;
        if (match) shown += 1;
      });
      if (none) none.hidden = !searched || shown !== 0;
      if (!searched) {
        count.textContent = "";
      } else if (shown === 0) {
        count.textContent = count.getAttribute("data-template-none");
      } else if (shown === 1) {
        count.textContent = count.getAttribute("data-template-one");
      } else {
        count.textContent = count.getAttribute("data-template-many").replace("__N__", String(shown));
      }
    }

    function search() {
      var query = input.value.trim();
      var ticket = ++asked;
      fetch(form.getAttribute("data-faq-search") + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (ticket === asked) show(data.ids, query !== ""); })
        .catch(function () { /* the form still searches on the server when submitted */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  }

  function setUpShareImage() {
    // On phones that can share files (the Web Share API), one tap sends the illustration with the Do's as
    // its caption, as the campaign asks; elsewhere the button stays hidden and the download is the way.
    document.querySelectorAll("[data-share-image]").forEach(function (button) {
      if (!navigator.canShare || !window.File || !window.fetch) return;
      var name = button.getAttribute("data-share-file");
      if (!navigator.canShare({ files: [new File([""], name, { type: "image/png" })] })) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var caption = document.getElementById(button.getAttribute("data-share-caption"));
        fetch(button.getAttribute("data-share-image"))
          .then(function (response) { return response.blob(); })
          .then(function (blob) {
            var file = new File([blob], name, { type: "image/png" });
            return navigator.share({ files: [file], text: caption ? caption.value : "" });
          })
          .catch(function (error) {
            if (error && error.name === "AbortError") return;  // the person closed the share sheet
            announce(button.getAttribute("data-share-failed"));
          });
      });
    });
  }

  function setUpReadMore() {
    // On a phone a long message shows its first lines, as the app itself does, with a button for the rest:
    // the page stays a few screens long. Without the script, or on a wider screen, it is shown whole.
    document.querySelectorAll("[data-read-more]").forEach(function (button) {
      var bubble = document.getElementById(button.getAttribute("aria-controls"));
      if (!bubble) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var open = bubble.classList.toggle("is-open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
  }

  function setUpShownWhen() {
    // A part of a form that only one choice needs ("Yes, I give my name": the name and contact) is hidden
    // for the other choices, and its fields are disabled so that they are not sent. A part with an error is
    // left in view, so that what the error points at can be seen.
    document.querySelectorAll("[data-shown-when]").forEach(function (part) {
      var rule = part.getAttribute("data-shown-when").split("=");
      var form = part.closest("form");
      if (!form || rule.length !== 2) return;
      var radios = form.querySelectorAll('input[type=radio][name="' + rule[0] + '"]');
      function update() {
        var chosen = form.querySelector('input[type=radio][name="' + rule[0] + '"]:checked');
        var shown = (chosen && chosen.value === rule[1]) || part.querySelector(".error-message") !== null;
        part.hidden = !shown;
        part.querySelectorAll("input, textarea, select").forEach(function (field) { field.disabled = !shown; });
      }
      radios.forEach(function (radio) { radio.addEventListener("change", update); });
      update();
    });
  }

  function setUpUnsentWarning() {
    // Every form that takes text warns before the page is left with text typed and not sent (the language
    // switch, a link, closing the tab). Sending the form, or downloading from it, is not leaving.
    var dirty = false;
    var sending = false;
    document.querySelectorAll("form").forEach(function (form) {
      if ((form.getAttribute("method") || "").toLowerCase() !== "post" || !form.querySelector("textarea")) return;
      form.addEventListener("input", function () { dirty = true; });
      form.addEventListener("submit", function () { sending = true; });
    });
    window.addEventListener("beforeunload", function (event) {
      if (sending) { sending = false; return; }
      if (!dirty) return;
      event.preventDefault();
      event.returnValue = "";
    });
  }

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  setUpCopy();
  setUpPrint();
  setUpPreview();
  setUpFaq();
  setUpShareImage();
  setUpReadMore();
  setUpShownWhen();
  setUpUnsentWarning();
})();
