/* cpf-bot chat widget: one script a help desk adds to any page, no build step, no framework.

     <div id="cpf-bot"></div>
     <script src="https://BOT/widget.js" data-target="cpf-bot" data-lang="fr" defer></script>

   It talks to the server it was loaded from (CONTRACT.md, "HTTP"): another origin's page
   needs that origin in `cpf-bot web --allow-origin`. Every sentence comes from the server
   (GET /v1/texts?lang=), every number is formatted there; text reaches the page only as
   text nodes (textContent), never as markup; a legal reference or any number with a hyphen
   ("art. L6323-3", "D5151-14", "décret 2024-394") is held in a span that never wraps, so it
   is not cut at its hyphen, and copies as it reads (no added character). A link ending in #session=ID carries on a
   session an agent started. A request that fails is sent again as it was, with the turn
   it was made for, so a retry never applies an answer twice. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var base = new URL(script.src, document.baseURI);
  var LANGS = ["fr", "en"];
  var state = {
    lang: LANGS.indexOf(script.getAttribute("data-lang")) >= 0 ? script.getAttribute("data-lang")
      : (LANGS.indexOf((document.documentElement.lang || "").slice(0, 2)) >= 0 ? document.documentElement.lang.slice(0, 2) : "fr"),
    texts: null, maxLength: 0, session: null, turn: 0, question: null, ended: false, busy: false, lastSend: null
  };
  var textCache = {};
  var ui = {};
  var storageKey = "cpf-bot-session:" + base.origin;

  function url(path) { return new URL(path, base).href; }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // "art. L6323-3", "D5151-14", "2024-394": letters and digits joined by hyphens, with a
  // digit (the others, "Île-de-France", wrap as the browser likes), and the "art." before it;
  // and a short quoted name (« Pourquoi ? », "Change answer"), a button's or a command's
  // quoted; and a domain name or a short web address ("moncompteformation.gouv.fr"), never
  // cut at a dot or a slash
  var TOGETHER = new RegExp('«[^«»\\n]{1,40}»|"[^"\\n]{1,40}"' +
    "|https?://[^\\s<>\"«»]{1,60}[^\\s<>\"«».,;:!?)]" +
    "|\\b(?:[A-Za-z0-9-]+\\.)+(?:fr|com|org|net|eu|info)\\b" +
    "|(?:\\b[Aa]rt\\. )?\\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\\b", "g");

  // `text` as text nodes, each such group in a span kept on one line (CSS white-space: nowrap)
  function together(text) {
    var fragment = document.createDocumentFragment();
    var from = 0;
    text = String(text);
    text.replace(TOGETHER, function (group, at) {
      if (!/[0-9.]/.test(group) && !/^[«"]/.test(group)) { return group; }
      if (at > from) { fragment.appendChild(document.createTextNode(text.slice(from, at))); }
      var web = /^https?:|^[^-]*\.[A-Za-z]+$/.test(group);  // a domain name or an address
      fragment.appendChild(el("span", { "class": web ? "cpfbot-keep-web" : "cpfbot-keep" }, group));
      from = at + group.length;
      return group;
    });
    if (from < text.length) { fragment.appendChild(document.createTextNode(text.slice(from))); }
    return fragment;
  }

  // an element whose text keeps its references together
  function textEl(tag, attrs, text) {
    var node = el(tag, attrs);
    node.appendChild(together(text));
    return node;
  }

  function t(key) { return (state.texts && state.texts[key]) || ""; }

  function remember() {
    try {
      if (state.session && !state.ended) {
        sessionStorage.setItem(storageKey, JSON.stringify({ id: state.session, lang: state.lang }));
      } else {
        sessionStorage.removeItem(storageKey);
      }
    } catch (e) { /* storage refused: the conversation still works */ }
  }

  function recalled() {
    var match = /(?:^#|&)session=([A-Za-z0-9_-]{24})/.exec(location.hash || "");
    if (match) { return match[1]; }
    try {
      var saved = JSON.parse(sessionStorage.getItem(storageKey) || "null");
      if (saved && typeof saved.id === "string") {
        if (LANGS.indexOf(saved.lang) >= 0) { state.lang = saved.lang; }
        return saved.id;
      }
    } catch (e) { /* nothing saved */ }
    return null;
  }

  function call(method, path, body) {
    var options = { method: method, headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url(path), options).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    });
  }

  function loadTexts(lang) {
    if (textCache[lang]) { return Promise.resolve(textCache[lang]); }
    return call("GET", "/v1/texts?lang=" + lang).then(function (got) {
      textCache[lang] = got.data.texts;
      state.maxLength = got.data.max_length;
      return textCache[lang];
    });
  }

  // -- the frame ---------------------------------------------------------------------------

  function build(mount) {
    var root = el("section", { "class": "cpfbot", "lang": state.lang });
    var header = el("div", { "class": "cpfbot-header" });
    ui.title = el("h2", { "class": "cpfbot-title" });
    ui.langs = el("div", { "class": "cpfbot-langs", "role": "group" });
    ui.langButtons = {};
    LANGS.forEach(function (lang) {
      var button = el("button", { "type": "button", "lang": lang, "data-lang": lang });
      button.addEventListener("click", function () { switchLanguage(lang); });
      ui.langButtons[lang] = button;
      ui.langs.appendChild(button);
    });
    header.appendChild(ui.title);
    header.appendChild(ui.langs);
    root.appendChild(header);

    ui.intro = el("p", { "class": "cpfbot-intro" });
    ui.startButton = el("button", { "type": "button", "class": "cpfbot-start" });
    ui.startButton.addEventListener("click", function () { start(); });
    root.appendChild(ui.intro);
    root.appendChild(ui.startButton);

    ui.progressBox = el("div", { "class": "cpfbot-progress", "hidden": "" });
    ui.progress = el("progress", { "max": "1", "value": "0" });
    ui.progressText = el("span", { "class": "cpfbot-progress-text" });
    ui.progressBox.appendChild(ui.progress);
    ui.progressBox.appendChild(ui.progressText);
    root.appendChild(ui.progressBox);

    ui.log = el("div", { "class": "cpfbot-log", "role": "log", "aria-live": "polite", "tabindex": "0" });
    root.appendChild(ui.log);

    ui.result = el("div", { "class": "cpfbot-result", "hidden": "" });
    root.appendChild(ui.result);

    ui.form = el("form", { "class": "cpfbot-answer", "hidden": "" });
    ui.question = el("p", { "class": "cpfbot-question", "id": "cpfbot-question" });
    ui.choices = el("div", { "class": "cpfbot-choices", "role": "group", "aria-labelledby": "cpfbot-question" });
    var row = el("div", { "class": "cpfbot-row" });
    ui.inputLabel = el("label", { "for": "cpfbot-input", "class": "cpfbot-label" });
    ui.input = el("input", { "id": "cpfbot-input", "type": "text", "autocomplete": "off",
                             "aria-describedby": "cpfbot-cut" });
    // the server's limit (GET /v1/texts): a longer paste is cut here, and the person told so
    ui.cut = el("p", { "class": "cpfbot-cut", "id": "cpfbot-cut", "aria-live": "polite" });
    ui.input.addEventListener("input", function () {
      if (state.maxLength > 0 && ui.input.value.length > state.maxLength) {
        ui.input.value = ui.input.value.slice(0, state.maxLength);
        ui.cut.textContent = t("paste_cut");
      }
    });
    ui.send = el("button", { "type": "submit", "class": "cpfbot-send" });
    ui.dontKnow = el("button", { "type": "button", "class": "cpfbot-dontknow", "hidden": "" });
    ui.dontKnow.addEventListener("click", function () { send({ answer: null }, t("dont_know")); });
    row.appendChild(ui.input);
    row.appendChild(ui.send);
    ui.form.appendChild(ui.question);
    ui.form.appendChild(ui.choices);
    ui.form.appendChild(ui.inputLabel);
    ui.form.appendChild(row);
    ui.form.appendChild(ui.cut);
    ui.form.appendChild(ui.dontKnow);
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = ui.input.value.trim();
      if (state.busy) { return; }
      ui.input.value = "";
      ui.cut.textContent = "";
      send({ say: text }, text || t("keep"));  // sent empty: keeps the answer shown (or says none was given)
    });
    root.appendChild(ui.form);

    ui.controls = el("div", { "class": "cpfbot-controls", "role": "group", "hidden": "" });
    ui.commands = {};
    [["back", "back"], ["summary", "summary"], ["why", "why"], ["help", "help"]].forEach(function (pair) {
      var button = el("button", { "type": "button", "data-command": pair[1] });
      button.addEventListener("click", function () { send({ command: pair[1] }, button.textContent); });
      ui.commands[pair[0]] = button;
      ui.controls.appendChild(button);
    });
    var change = el("div", { "class": "cpfbot-change" });
    ui.changeLabel = el("label", { "for": "cpfbot-change-number" });
    ui.changeNumber = el("input", { "id": "cpfbot-change-number", "type": "number", "min": "1", "max": "99",
                                     "inputmode": "numeric" });
    ui.changeButton = el("button", { "type": "button", "data-command": "change" });
    ui.changeButton.addEventListener("click", function () {
      var n = parseInt(ui.changeNumber.value, 10);
      if (!(n >= 1)) { ui.changeNumber.focus(); return; }
      ui.changeNumber.value = "";
      send({ say: "change " + n }, ui.changeButton.textContent + " " + n);
    });
    change.appendChild(ui.changeLabel);
    change.appendChild(ui.changeNumber);
    change.appendChild(ui.changeButton);
    ui.controls.appendChild(change);
    ui.restart = el("button", { "type": "button", "data-command": "restart" });
    ui.restart.addEventListener("click", function () {
      // typed, as a person would: the bot asks to confirm before erasing the answers
      if (state.ended) { start(); } else { send({ say: "restart" }, ui.restart.textContent); }
    });
    ui.controls.appendChild(ui.restart);
    root.appendChild(ui.controls);

    ui.status = el("div", { "class": "cpfbot-status", "role": "alert" });
    root.appendChild(ui.status);
    ui.root = root;
    mount.appendChild(root);
  }

  function applyTexts() {
    ui.root.setAttribute("lang", state.lang);
    ui.root.setAttribute("aria-label", t("title"));
    ui.title.textContent = t("title");
    ui.langs.setAttribute("aria-label", t("language"));
    LANGS.forEach(function (lang) {
      ui.langButtons[lang].textContent = t("lang_" + lang);
      ui.langButtons[lang].setAttribute("aria-pressed", lang === state.lang ? "true" : "false");
    });
    ui.intro.textContent = t("intro");
    ui.startButton.textContent = t("start");
    ui.progress.setAttribute("aria-label", t("progress"));
    ui.log.setAttribute("aria-label", t("conversation"));
    ui.inputLabel.textContent = t("your_answer");
    ui.send.textContent = t("send");
    ui.dontKnow.textContent = t("dont_know");
    ui.controls.setAttribute("aria-label", t("commands"));
    ["back", "summary", "why", "help"].forEach(function (name) { ui.commands[name].textContent = t(name); });
    ui.changeLabel.textContent = t("change_number");
    ui.changeButton.textContent = t("change");
    ui.restart.textContent = t("restart");
  }

  // -- what the conversation says -------------------------------------------------------------

  function say(who, text, kind) {
    var item = el("div", { "class": "cpfbot-msg cpfbot-" + who + (kind ? " cpfbot-kind-" + kind : "") });
    item.appendChild(el("span", { "class": "cpfbot-who" }, t(who === "you" ? "you" : "bot") + " "));
    item.appendChild(textEl("span", { "class": "cpfbot-text" }, text));
    ui.log.appendChild(item);
    ui.log.scrollTop = ui.log.scrollHeight;
    return item;
  }

  // a reference as text, or a link that opens apart when it has an https address
  function reference(piece) {
    var url = typeof piece.url === "string" && /^https:\/\//.test(piece.url) ? piece.url : null;
    if (!url) { return together(piece.text); }
    var link = textEl("a", { "rel": "noopener noreferrer", "target": "_blank" }, piece.text);
    link.href = url;
    return link;
  }

  function showResult(assessment, figures, view) {
    if (!assessment) { ui.result.textContent = ""; ui.result.hidden = true; return null; }
    if (!figures && !ui.result.hidden) { return null; }  // the same result again ("summary" after it): kept
    ui.result.textContent = "";
    ui.result.hidden = false;
    var heading = el("h3", { "tabindex": "-1" }, t("result"));
    ui.result.appendChild(heading);
    if (assessment.account.open && assessment.balance !== null && assessment.cap > 0) {
      // the balance against its cap at a glance; the figures say the same in words, read once
      ui.result.appendChild(el("meter", { "class": "cpfbot-cap", "min": "0", "max": String(assessment.cap),
                                          "value": String(Math.min(assessment.balance, assessment.cap)),
                                          "aria-hidden": "true" }));
    }
    if (figures) { ui.result.appendChild(textEl("p", { "class": "cpfbot-figures" }, figures)); }
    var links = (view && view.sources) || [];
    // "how these figures are computed" where there is a figure (the terminal's has_amount),
    // else the reasons for the result (as "why" gives them)
    var details = el("details", { "class": "cpfbot-explanations" });
    details.appendChild(el("summary", null, t(view && !view.has_amount ? "reasons" : "explanations")));
    var list = el("ol");
    (assessment.explanations || []).forEach(function (explanation, index) {
      var item = el("li");
      item.appendChild(textEl("p", null, explanation.text));
      if (explanation.sources && explanation.sources.length) {
        var sources = el("p", { "class": "cpfbot-sources" });
        sources.appendChild(el("span", null, t("sources") + " "));
        (links[index] || explanation.sources.map(function (source) { return { text: source, url: null }; }))
          .forEach(function (piece) { sources.appendChild(reference(piece)); });
        item.appendChild(sources);
      }
      list.appendChild(item);
    });
    details.appendChild(list);
    ui.result.appendChild(details);
    return heading;
  }

  function showQuestion(question) {
    state.question = question;
    ui.choices.textContent = "";
    ui.cut.textContent = "";
    if (!question) {
      ui.form.hidden = true;
      ui.form.removeAttribute("data-question");
      return null;
    }
    ui.form.setAttribute("data-question", question.id);
    ui.form.hidden = false;
    ui.question.textContent = question.text;
    say("bot", question.text, "question");
    ui.choices.hidden = !question.choices.length;
    question.choices.forEach(function (choice) {
      var button = el("button", { "type": "button", "class": "cpfbot-choice" }, choice.label);
      button.addEventListener("click", function () { send({ answer: choice.value }, choice.label); });
      ui.choices.appendChild(button);
    });
    ui.input.setAttribute("inputmode", question.kind === "number" || question.kind === "money" ? "decimal" : "text");
    ui.dontKnow.hidden = !question.optional;
    return question.choices.length ? ui.choices.firstChild : ui.input;
  }

  function showReply(reply, focus) {
    state.session = reply.session || state.session;
    state.turn = reply.turn;
    state.ended = !!reply.ended;
    ui.root.setAttribute("data-turn", String(state.turn));
    ui.intro.hidden = true;
    ui.startButton.hidden = !state.ended;
    ui.controls.hidden = state.ended;
    var figures = null;
    var confirm = state.ended ? null : reply.confirm;
    (reply.messages || []).forEach(function (message, index) {
      if (confirm && index === reply.messages.length - 1) { return; }  // the confirmation: asked below
      if (message.kind === "result") { figures = message.text; } else { say("bot", message.text, message.kind); }
    });
    if (reply.progress) {
      var total = reply.progress.answered + reply.progress.remaining;
      ui.progressBox.hidden = false;
      ui.progress.setAttribute("max", String(Math.max(total, 1)));
      ui.progress.setAttribute("value", String(reply.progress.answered));
      ui.progressText.textContent = reply.progress.text;
      ui.progress.hidden = state.ended && !reply.assessment;  // left early: no bar full of nothing
    }
    var heading = showResult(reply.assessment, figures, reply.result);
    var question = state.ended ? null : reply.question;
    if (confirm) {  // a yes/no about the last answer, asked in place of the question
      question = { id: question ? question.id : "confirm", kind: "yes_no", text: confirm.text,
                   choices: confirm.choices, optional: false };
    }
    var target = showQuestion(question);
    if (state.ended) { say("bot", t("ended"), "text"); }
    remember();
    if (focus !== false) {
      var next = heading || target || (state.ended ? ui.startButton : ui.commands.summary);
      if (next) { next.focus(); }
    }
  }

  function setBusy(busy) {
    state.busy = busy;
    ui.root.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function failed(retry) {
    setBusy(false);
    ui.status.textContent = "";
    ui.status.appendChild(el("span", null, t("network_error") + " "));
    var again = el("button", { "type": "button", "class": "cpfbot-retry" }, t("retry"));
    again.addEventListener("click", function () { ui.status.textContent = ""; retry(); });
    ui.status.appendChild(again);
    again.focus();
  }

  function refused(data) {
    var error = data && data.error ? data.error : { code: "", message: t("network_error") };
    if (error.code === "stale_turn" && data.current) {
      showReply(data.current);
      return;
    }
    if (error.code === "unknown_session") {
      state.session = null; state.ended = true; remember();
      say("bot", t("expired"), "error");
      ui.form.hidden = true; ui.controls.hidden = true; ui.startButton.hidden = false;
      ui.startButton.focus();
      return;
    }
    if (error.code === "ended") { state.ended = true; showReply({ turn: state.turn, ended: true, messages: [] }); return; }
    say("bot", error.message, "error");
    var target = state.question && state.question.choices.length ? ui.choices.firstChild : ui.input;
    if (target && !ui.form.hidden) { target.focus(); }
  }

  function send(body, echo) {
    if (state.busy || !state.session) { return; }
    var payload = Object.assign({}, body, { turn: state.turn });
    var session = state.session;
    if (echo) { say("you", echo); }
    function attempt() {
      setBusy(true);
      call("POST", "/v1/sessions/" + session + "/turns", payload).then(function (got) {
        setBusy(false);
        ui.status.textContent = "";
        if (got.data && got.data.ok) { showReply(got.data); } else { refused(got.data); }
      }, function () { failed(attempt); });
    }
    attempt();
  }

  function start() {
    if (state.busy) { return; }
    function attempt() {
      setBusy(true);
      call("POST", "/v1/sessions", { lang: state.lang }).then(function (got) {
        setBusy(false);
        ui.status.textContent = "";
        if (got.data && got.data.ok) {
          ui.log.textContent = "";
          showResult(null, null);
          showReply(got.data);
        } else { refused(got.data); }
      }, function () { failed(attempt); });
    }
    attempt();
  }

  function resume(id) {
    setBusy(true);
    call("GET", "/v1/sessions/" + id + "/current").then(function (got) {
      setBusy(false);
      if (!(got.data && got.data.ok && !got.data.ended)) {
        state.session = null; remember();
        return;
      }
      state.session = id;
      var lang = LANGS.indexOf(got.data.lang) >= 0 ? got.data.lang : state.lang;
      loadTexts(lang).then(function (texts) {
        state.lang = lang;
        state.texts = texts;
        applyTexts();
        say("bot", t("carry_on"), "text");  // a greeting, for a link an adviser sent or a page opened again
        showReply(got.data, false);
      });
    }, function () { setBusy(false); });
  }

  function switchLanguage(lang) {
    if (lang === state.lang || state.busy) { return; }
    loadTexts(lang).then(function (texts) {
      state.lang = lang;
      state.texts = texts;
      applyTexts();
      if (state.session && !state.ended) { send({ command: "lang:" + lang }); }
      ui.langButtons[lang].focus();
    }, function () { failed(function () { switchLanguage(lang); }); });
  }

  function mountPoint() {
    var id = script.getAttribute("data-target");
    var found = id ? document.getElementById(id) : null;
    if (found) { return found; }
    var made = el("div");
    script.parentNode.insertBefore(made, script.nextSibling);
    return made;
  }

  function init() {
    var id = recalled();
    build(mountPoint());
    loadTexts(state.lang).then(function (texts) {
      state.texts = texts;
      applyTexts();
      if (id) { resume(id); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
