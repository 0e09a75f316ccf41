/* cpf-bot agent console: sign in with a token, start a session pre-filled with what the
   agent knows (a form made from GET /v1/schema), hand the person the link to carry on in
   the widget, watch the conversation (each answer with who gave it), download the report.

   Every sentence comes from GET /v1/texts; text reaches the page only through
   textContent. The token stays in this tab's sessionStorage and goes only into the
   Authorization header of our own API calls. */
(function () {
  "use strict";
  var root = document.getElementById("cpf-console");
  if (!root) { return; }
  var LANGS = ["fr", "en"];
  var state = {
    lang: LANGS.indexOf(root.getAttribute("data-lang")) >= 0 ? root.getAttribute("data-lang") : "fr",
    texts: {}, token: null, agent: null, fields: [], sessions: [], watching: null, timer: null
  };
  var ui = {};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function t(key) { return state.texts[key] || ""; }

  function call(method, path, body, raw) {
    var headers = { "Accept": raw ? "*/*" : "application/json" };
    if (state.token) { headers["Authorization"] = "Bearer " + state.token; }
    var options = { method: method, headers: headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      if (raw && response.ok) { return response.blob().then(function (blob) { return { status: response.status, blob: blob }; }); }
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    });
  }

  function alertBox(box, text) {
    box.textContent = text || "";
    box.hidden = !text;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // -- sign in -------------------------------------------------------------------------------

  function signInView() {
    clear(ui.main);
    var form = el("form", { "class": "card", "id": "sign-in" });
    form.appendChild(el("label", { "for": "token" }, t("token")));
    var input = el("input", { "id": "token", "type": "password", "autocomplete": "current-password", "required": "" });
    form.appendChild(input);
    form.appendChild(el("button", { "type": "submit" }, t("sign_in")));
    var problem = el("p", { "class": "problem", "role": "alert", "hidden": "" });
    form.appendChild(problem);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state.token = input.value.trim();
      call("GET", "/v1/agent").then(function (got) {
        if (got.data.ok) {
          state.agent = got.data.agent;
          try { sessionStorage.setItem("cpf-bot-agent-token", state.token); } catch (e) { /* tab only */ }
          workView();
        } else {
          state.token = null;
          alertBox(problem, got.data.error.message);
          input.focus();
        }
      }, function () { alertBox(problem, t("network_error")); });
    });
    ui.main.appendChild(form);
    input.focus();
  }

  function signOut() {
    state.token = null; state.agent = null; state.watching = null;
    if (state.timer) { clearInterval(state.timer); state.timer = null; }
    try { sessionStorage.removeItem("cpf-bot-agent-token"); } catch (e) { /* nothing */ }
    renderBar();
    signInView();
  }

  // -- the bar: language and who is signed in -----------------------------------------------

  function renderBar() {
    clear(ui.bar);
    document.title = t("console_title");
    ui.heading.textContent = t("console_title");
    var langs = el("div", { "role": "group", "aria-label": t("language"), "class": "langs" });
    LANGS.forEach(function (lang) {
      var button = el("button", { "type": "button", "lang": lang, "aria-pressed": lang === state.lang ? "true" : "false" },
                      t("lang_" + lang));
      button.addEventListener("click", function () { switchLanguage(lang); });
      langs.appendChild(button);
    });
    ui.bar.appendChild(langs);
    if (state.agent) {
      var who = el("p", { "class": "who" });
      who.appendChild(el("span", null, t("signed_in_as") + " "));
      who.appendChild(el("strong", { "id": "agent-name" }, state.agent));
      ui.bar.appendChild(who);
      var out = el("button", { "type": "button", "id": "sign-out" }, t("sign_out"));
      out.addEventListener("click", signOut);
      ui.bar.appendChild(out);
    }
  }

  // -- a new session -------------------------------------------------------------------------

  function control(field) {
    var id = "known-" + field.id;
    var wrap = el("div", { "class": "field" });
    wrap.appendChild(el("label", { "for": id }, field.label));
    var input;
    if (field.choices.length) {
      input = el("select", { "id": id, "name": field.id });
      input.appendChild(el("option", { "value": "" }, t("not_known")));
      field.choices.forEach(function (choice, index) {
        input.appendChild(el("option", { "value": String(index) }, choice.label));
      });
    } else if (field.kind === "date") {
      input = el("input", { "id": id, "name": field.id, "type": "date" });
    } else {
      input = el("input", { "id": id, "name": field.id, "type": "text", "inputmode": "decimal", "autocomplete": "off" });
    }
    wrap.appendChild(input);
    return wrap;
  }

  // A number as the chat reads it in the console's language (bot.dialogue.interpret): a lone
  // "," or "." before exactly three digits is a thousands separator, unless it is this
  // language's decimal one ("1,200" in French, "1.200" in English): then it reads two ways,
  // and `ambiguous` gives both, each written plainly. With both marks, the last is decimal.
  function readNumber(raw) {
    var normal = raw.replace(/[\s\u00a0\u202f€h]/g, "");
    var decimal = state.lang === "fr" ? "," : ".";
    var lone = /^(-?\d{1,3})([.,])(\d{3})$/.exec(normal);
    if (lone && lone[2] === decimal) {
      var fraction = lone[3].replace(/0+$/, "");
      return { ambiguous: [lone[1] + (fraction ? decimal + fraction : ""), lone[1] + lone[3]] };
    }
    if (lone) { normal = lone[1] + lone[3]; }
    var last = Math.max(normal.lastIndexOf(","), normal.lastIndexOf("."));
    if (last >= 0) { normal = normal.slice(0, last).replace(/[.,]/g, "") + "." + normal.slice(last + 1); }
    var number = Number(normal);
    return { value: normal !== "" && isFinite(number) ? number : raw };
  }

  function fill(template, params) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in params ? params[name] : all; });
  }

  // The answer typed for `field`, or undefined; a number that reads two ways is refused
  // (thrown as the sentence that says both readings), never taken silently.
  function value(field, input) {
    var raw = input.value.trim();
    if (raw === "") { return undefined; }
    if (field.choices.length) { return field.choices[parseInt(raw, 10)].value; }
    if (field.kind === "date") { return raw; }
    var read = readNumber(raw);
    if (read.ambiguous) {
      throw new Error(fill(t("ambiguous_amount"), { field: field.label, typed: raw,
                                                   decimal: read.ambiguous[0], whole: read.ambiguous[1] }));
    }
    return read.value;
  }

  // The balance's label says its unit: hours for a public agent, euros otherwise.
  function labelBalance(form) {
    var label = form.querySelector('label[for="known-balance"]');
    var status = form.querySelector("#known-status");
    if (!label || !status) { return; }
    var chosen = status.value === "" ? null : state.fields.filter(function (f) { return f.id === "status"; })[0]
      .choices[parseInt(status.value, 10)].value;
    label.textContent = t(chosen === "public_agent" ? "balance_hours" : "balance_euros");
  }

  function newSessionForm() {
    var form = el("form", { "class": "card", "id": "new-session" });
    form.appendChild(el("h2", null, t("new_session")));
    form.appendChild(el("p", null, t("prefill_intro")));
    var settings = el("div", { "class": "fields" });
    var langWrap = el("div", { "class": "field" });
    langWrap.appendChild(el("label", { "for": "session-lang" }, t("session_lang")));
    var langSelect = el("select", { "id": "session-lang" });
    LANGS.forEach(function (lang) {
      var option = el("option", { "value": lang, "lang": lang }, t("lang_" + lang));
      if (lang === state.lang) { option.selected = true; }
      langSelect.appendChild(option);
    });
    langWrap.appendChild(langSelect);
    settings.appendChild(langWrap);
    var dateWrap = el("div", { "class": "field" });
    dateWrap.appendChild(el("label", { "for": "session-date" }, t("rules_date")));
    var dateInput = el("input", { "id": "session-date", "type": "date" });
    dateWrap.appendChild(dateInput);
    settings.appendChild(dateWrap);
    form.appendChild(settings);
    var phases = {};
    state.fields.forEach(function (field) {
      if (!phases[field.phase]) {
        phases[field.phase] = el("fieldset", { "class": "fields" });
        phases[field.phase].appendChild(el("legend", null, t("phase_" + field.phase)));
        form.appendChild(phases[field.phase]);
      }
      phases[field.phase].appendChild(control(field));
    });
    var problem = el("p", { "class": "problem", "role": "alert", "hidden": "" });
    form.appendChild(el("button", { "type": "submit", "id": "start-session" }, t("start_session")));
    form.appendChild(problem);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var known = {};
      try {
        state.fields.forEach(function (field) {
          var found = value(field, document.getElementById("known-" + field.id));
          if (found !== undefined) { known[field.id] = found; }
        });
      } catch (refused) {  // before any session is made
        alertBox(problem, refused.message);
        problem.focus();
        return;
      }
      var body = { lang: langSelect.value, known: known };
      if (dateInput.value) { body.date = dateInput.value; }
      call("POST", "/v1/sessions", body).then(function (got) {
        if (!got.data.ok) { alertBox(problem, got.data.error.message); problem.focus(); return; }
        alertBox(problem, "");
        state.sessions.unshift({ id: got.data.session, lang: langSelect.value });
        watch(got.data.session);
        renderSessions();
      }, function () { alertBox(problem, t("network_error")); });
    });
    var status = form.querySelector("#known-status");
    if (status) { status.addEventListener("change", function () { labelBalance(form); }); }
    labelBalance(form);
    return form;
  }

  function personLink(id, lang) {
    return location.origin + "/?lang=" + lang + "#session=" + id;
  }

  function renderSessions() {
    clear(ui.sessions);
    if (!state.sessions.length) { ui.sessions.hidden = true; return; }
    ui.sessions.hidden = false;
    ui.sessions.appendChild(el("h2", null, t("sessions")));
    var list = el("ul");
    state.sessions.forEach(function (item, index) {
      var button = el("button", { "type": "button", "aria-pressed": item.id === state.watching ? "true" : "false" },
                      String(state.sessions.length - index) + " · " + item.id.slice(0, 6) + "…");
      button.addEventListener("click", function () { watch(item.id); renderSessions(); });
      var li = el("li");
      li.appendChild(button);
      list.appendChild(li);
    });
    ui.sessions.appendChild(list);
  }

  // -- watching a session --------------------------------------------------------------------

  function watch(id) {
    state.watching = id;
    if (state.timer) { clearInterval(state.timer); }
    clear(ui.watch);
    ui.watch.hidden = false;
    var item = state.sessions.filter(function (s) { return s.id === id; })[0] || { id: id, lang: state.lang };
    ui.watch.appendChild(el("h2", { "tabindex": "-1", "id": "watch-heading" }, t("watch")));
    var linkBox = el("div", { "class": "link" });
    linkBox.appendChild(el("label", { "for": "person-link" }, t("link")));
    var link = el("input", { "id": "person-link", "type": "text", "readonly": "" });
    link.value = personLink(id, item.lang);
    linkBox.appendChild(link);
    var copy = el("button", { "type": "button", "id": "copy-link" }, t("copy"));
    var copied = el("span", { "role": "status", "class": "copied" });
    copy.addEventListener("click", function () {
      link.select();
      var done = function () { copied.textContent = t("copied"); };
      if (navigator.clipboard) { navigator.clipboard.writeText(link.value).then(done, function () { document.execCommand("copy"); done(); }); }
      else { document.execCommand("copy"); done(); }
    });
    linkBox.appendChild(copy);
    var open = el("a", { "href": link.value, "target": "_blank", "rel": "noopener noreferrer", "id": "open-link" }, t("open_widget"));
    linkBox.appendChild(open);
    linkBox.appendChild(copied);
    ui.watch.appendChild(linkBox);
    ui.live = el("div", { "id": "live", "aria-live": "polite" });
    ui.watch.appendChild(ui.live);
    ui.watch.appendChild(reportBox(id, item.lang));
    document.getElementById("watch-heading").focus();
    refresh();
    state.timer = setInterval(refresh, 2000);
  }

  function refresh() {
    var id = state.watching;
    if (!id) { return; }
    call("GET", "/v1/sessions/" + id + "?lang=" + state.lang).then(function (got) {
      if (id !== state.watching) { return; }
      if (!got.data.ok) { clear(ui.live); ui.live.appendChild(el("p", { "class": "problem" }, got.data.error.message)); return; }
      showSession(got.data);
    }, function () { /* the next poll will tell */ });
  }

  function showSession(data) {
    var box = el("div");
    var facts = el("dl", { "class": "facts" });
    facts.appendChild(el("dt", null, t("status")));
    var status = data.ended ? t("console_ended") : (data.assessment ? t("finished") : (data.question ? data.question.text : t("no_question")));
    facts.appendChild(el("dd", { "id": "session-status" }, status));
    facts.appendChild(el("dt", null, t("turn")));
    facts.appendChild(el("dd", { "id": "session-turn" }, String(data.turn)));
    facts.appendChild(el("dt", null, t("progress") || t("watch")));
    facts.appendChild(el("dd", null, data.progress.text));
    box.appendChild(facts);
    box.appendChild(el("h3", null, t("answers")));
    if (!data.answers.length) {
      box.appendChild(el("p", null, t("no_answers")));
    } else {
      var table = el("table", { "id": "answers" });
      var head = el("tr");
      ["col_question", "col_answer", "col_source"].forEach(function (key) { head.appendChild(el("th", { "scope": "col" }, t(key))); });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var body = el("tbody");
      data.answers.forEach(function (answer) {
        var row = el("tr", { "data-field": answer.field, "data-source": answer.source });
        row.appendChild(el("td", null, answer.label));
        row.appendChild(el("td", null, answer.text));
        row.appendChild(el("td", null, answer.source === "agent" ? t("source_agent") : t("source_person")));
        body.appendChild(row);
      });
      table.appendChild(body);
      var scroll = el("div", { "class": "scroll" });
      scroll.appendChild(table);
      box.appendChild(scroll);
    }
    if (data.assessment) {
      box.appendChild(el("h3", null, t("console_result")));
      var figures = el("ul", { "id": "figures" });
      data.result.figures.forEach(function (line) { figures.appendChild(el("li", null, line)); });
      box.appendChild(figures);
      var steps = el("ol", { "id": "next-steps" });
      data.assessment.next_steps.forEach(function (step) { steps.appendChild(el("li", null, step.text)); });
      box.appendChild(steps);
    }
    clear(ui.live);
    ui.live.appendChild(box);
  }

  function reportBox(id, lang) {
    var box = el("div", { "class": "report", "role": "group", "aria-labelledby": "report-heading" });
    box.appendChild(el("h3", { "id": "report-heading" }, t("report")));
    box.appendChild(el("label", { "for": "report-lang" }, t("report_lang")));
    var select = el("select", { "id": "report-lang" });
    LANGS.forEach(function (code) {
      var option = el("option", { "value": code, "lang": code }, t("lang_" + code));
      if (code === lang) { option.selected = true; }
      select.appendChild(option);
    });
    box.appendChild(select);
    var problem = el("p", { "class": "problem", "role": "alert", "hidden": "" });
    [["md", "download_md"], ["json", "download_json"], ["html", "download_html"]].forEach(function (pair) {
      var button = el("button", { "type": "button", "data-format": pair[0] }, t(pair[1]));
      button.addEventListener("click", function () {
        var path = "/v1/sessions/" + id + "/report?format=" + pair[0] + "&lang=" + select.value;
        call("GET", path, undefined, true).then(function (got) {
          if (!got.blob) { alertBox(problem, got.data.error.message); return; }
          alertBox(problem, "");
          var href = URL.createObjectURL(got.blob);
          var a = el("a", { "href": href, "download": "cpf-report-" + select.value + "." + pair[0] });
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(function () { URL.revokeObjectURL(href); }, 10000);
        }, function () { alertBox(problem, t("network_error")); });
      });
      box.appendChild(button);
    });
    box.appendChild(problem);
    return box;
  }

  // -- the whole -----------------------------------------------------------------------------

  function workView() {
    renderBar();
    clear(ui.main);
    call("GET", "/v1/schema?lang=" + state.lang).then(function (got) {
      state.fields = got.data.fields;
      ui.main.appendChild(newSessionForm());
      ui.main.appendChild(ui.sessions);
      ui.main.appendChild(ui.watch);
      renderSessions();
      if (state.watching) { watch(state.watching); }
      else { ui.watch.hidden = true; document.getElementById("session-lang").focus(); }
    });
  }

  function switchLanguage(lang) {
    call("GET", "/v1/texts?lang=" + lang).then(function (got) {
      state.lang = lang;
      state.texts = got.data.texts;
      document.documentElement.lang = lang;
      renderBar();
      if (state.agent) { workView(); } else { signInView(); }
    });
  }

  function init() {
    clear(root);
    ui.heading = el("h1");
    ui.bar = el("div", { "class": "bar" });
    ui.main = el("div", { "class": "main" });
    ui.sessions = el("section", { "class": "card sessions", "hidden": "" });
    ui.watch = el("section", { "class": "card watch", "hidden": "", "id": "watch" });
    root.appendChild(ui.heading);
    root.appendChild(ui.bar);
    root.appendChild(ui.main);
    call("GET", "/v1/texts?lang=" + state.lang).then(function (got) {
      state.texts = got.data.texts;
      var saved = null;
      try { saved = sessionStorage.getItem("cpf-bot-agent-token"); } catch (e) { saved = null; }
      renderBar();
      if (!saved) { signInView(); return; }
      state.token = saved;
      call("GET", "/v1/agent").then(function (who) {
        if (who.data.ok) { state.agent = who.data.agent; workView(); } else { state.token = null; signInView(); }
      });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
