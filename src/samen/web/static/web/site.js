// samen: small enhancements. Every page works without this script; it adds copy buttons, the live
// preview, printing and the FAQ filter.
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
    reveal("[data-copy]");
    var body = document.body;
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy-target"));
        if (!source) return;
        copyText(source.value).then(function () {
          announce(body.getAttribute("data-copied"));
          button.classList.add("is-copied");
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
        if (field.name === "admin_text" || field.name === "group_kind") data.append(field.name, field.value);
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
      if (name !== "admin_text" && name !== "group_kind") return;
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 250);
    });
  }

  function setUpFaq() {
    var form = document.querySelector("[data-faq-search]");
    if (!form) return;
    var input = form.querySelector("input[type=search]");
    var count = form.querySelector("[data-faq-count]");
    var entries = Array.prototype.slice.call(document.querySelectorAll("[data-faq-entry]"));

    function normalise(text) {
      return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }
    var haystacks = entries.map(function (entry) {
      return normalise(entry.textContent + " " + (entry.getAttribute("data-keywords") || ""));
    });

    function filter() {
      var words = normalise(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry, i) {
        var match = words.every(function (word) { return haystacks[i].indexOf(word) !== -1; });
        entry.hidden = !match;
        var link = document.querySelector('[data-faq-link="' + entry.getAttribute("data-faq-entry") + '"]');
        if (link) link.hidden = !match;
        if (match) shown += 1;
      });
      if (!words.length) {
        count.textContent = "";
      } else if (shown === 0) {
        count.textContent = count.getAttribute("data-template-none");
      } else if (shown === 1) {
        count.textContent = count.getAttribute("data-template-one");
      } else {
        count.textContent = count.getAttribute("data-template-many").replace("__N__", String(shown));
      }
    }

    input.addEventListener("input", filter);
    form.addEventListener("submit", function (event) { event.preventDefault(); filter(); });
  }

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  setUpCopy();
  setUpPrint();
  setUpPreview();
  setUpFaq();
})();
