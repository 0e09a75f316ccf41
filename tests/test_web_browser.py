"""The widget and the console in a real browser: Playwright driving Debian's Chromium.

Whole conversations in both languages, by mouse and by keyboard only, a language switch,
a back, the result; hostile input shown as text on a page without any CSP (so markup
that ran would show); the console starting a pre-filled session and the widget carrying
it on. A screenshot of each goes to test-artifacts/ (CI keeps it).

Chromium missing: the tests skip, saying how to install it; under CI=true they fail.
"""

from __future__ import annotations

import http.server
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from bot.channels.web.app import create_app
from bot.channels.web.config import WebConfig
from bot.stores.memory import MemoryStore
from web_client import ALICE, TODAY, TOKENS

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("CPF_BOT_ARTIFACTS", ROOT / "test-artifacts"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
HINT = ("Chromium is not installed: `apt-get update && apt-get install -y chromium` "
        "(Debian's package, /usr/bin/chromium) runs these browser tests")
STEP_TIMEOUT = 10_000  # ms for any one browser step
TEST_TIMEOUT = 60  # s for a whole test

if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        pytest.fail(HINT + " (CI=true: browser tests may not be skipped)", pytrace=False)
    pytest.skip(HINT, allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(autouse=True)
def bounded() -> Iterator[None]:
    """Every browser test ends within TEST_TIMEOUT seconds, whatever hangs."""
    def too_long(signum: int, frame: Any) -> None:
        raise TimeoutError(f"browser test over {TEST_TIMEOUT} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(TEST_TIMEOUT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


class Host(http.server.BaseHTTPRequestHandler):
    """Another origin's page (a help desk's) that embeds the widget, with no CSP at all."""

    bot = ""

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Help desk</title></head>'
                f'<body><h1>Help desk</h1><div id="chat"></div>'
                f'<script src="{self.bot}/widget.js" data-target="chat" data-lang="en"></script></body></html>')
        body = page.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, str]]:
    """The bot on a free port (a real uvicorn, in a thread) and a foreign page that embeds it."""
    host = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Host)
    host_url = f"http://127.0.0.1:{host.server_address[1]}"
    app = create_app(MemoryStore(), WebConfig(tokens=TOKENS, today=lambda: TODAY, rate_limit=0,
                                              allow_origins=(host_url,)), log=lambda text: None)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        threading.Event().wait(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    bot_url = f"http://127.0.0.1:{port}"
    Host.bot = bot_url
    threading.Thread(target=host.serve_forever, daemon=True).start()
    yield {"bot": bot_url, "host": host_url}
    server.should_exit = True
    thread.join(5)
    host.shutdown()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One Chromium for the module (a launch costs a second or two; the scheduler gives the
    module to one worker, whole): each test has contexts of its own (new_page), as isolated as
    another browser's (cookies, storage, cache). Not for the session: Playwright's event loop
    would stay on, and prompt-toolkit's asyncio.run() in the tests after would refuse to run."""
    with sync_playwright() as p:
        found = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield found
        found.close()


@pytest.fixture
def browser(chromium: Browser) -> Iterator[Browser]:
    """The browser, with every context a test opened closed at its end: a page left open would
    go on running (the console polls its session every 2 s) beside the tests after it."""
    assert chromium.contexts == []
    yield chromium
    for context in chromium.contexts:
        context.close()


def new_page(browser: Browser, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    return page


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def asks(page: Page, field: str) -> None:
    page.wait_for_selector(f'form.cpfbot-answer[data-question="{field}"]:not([hidden])')


def result(page: Page) -> None:
    page.wait_for_selector(".cpfbot-result:not([hidden]) h3")


def focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement ? document.activeElement.textContent || "
                             "document.activeElement.id : ''"))


def tab_to(page: Page, text: str, limit: int = 40) -> None:
    """Presses Tab until the focused element reads `text` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page).strip() == text:
            return
    raise AssertionError(f"no focusable {text!r} by Tab")


def job_seeker_at_the_balance(browser: Browser, servers: dict[str, str]) -> Page:
    """A French conversation by mouse, up to the balance question: a job seeker of 45."""
    page = new_page(browser, 1280)
    page.goto(servers["bot"] + "/?lang=fr")
    page.get_by_role("button", name="Commencer").click()
    asks(page, "status")
    page.get_by_role("button", name="Demandeur d'emploi inscrit à France Travail").click()
    asks(page, "age")
    page.get_by_label("Votre réponse").fill("45")
    page.get_by_role("button", name="Envoyer").click()
    asks(page, "other_status")
    page.get_by_role("button", name="Non, aucune").click()
    asks(page, "balance")
    return page


def test_a_whole_conversation_in_french_by_mouse_with_a_back(browser: Browser, servers: dict[str, str]) -> None:
    page = job_seeker_at_the_balance(browser, servers)
    page.get_by_label("Votre réponse").fill("800")
    page.get_by_role("button", name="Envoyer").click()
    asks(page, "training_kind")
    page.get_by_role("button", name="Retour").click()
    asks(page, "balance")
    page.get_by_label("Votre réponse").fill("1 000 €")
    page.get_by_role("button", name="Envoyer").click()
    asks(page, "training_kind")
    page.get_by_role("button", name="Retour").click()
    asks(page, "balance")
    expect(page.locator(".cpfbot-bot", has_text="Réponse actuelle : 1 000 €").last).to_contain_text(
        "sans rien écrire pour la garder")
    page.get_by_role("button", name="Envoyer").click()  # the box empty: the answer shown is kept
    asks(page, "training_kind")
    expect(page.locator(".cpfbot-you").last).to_contain_text("(garder cette réponse)")
    send = page.get_by_role("button", name="Envoyer")
    send.hover()  # a main button stays readable under the pointer: light text on a dark blue
    assert send.evaluate("b => getComputedStyle(b).backgroundColor") not in ("rgb(232, 240, 251)", "rgb(255, 255, 255)")
    page.locator(".cpfbot-choice").first.click()
    asks(page, "training_cost")
    page.get_by_label("Votre réponse").fill("1 500")
    page.get_by_role("button", name="Envoyer").click()
    asks(page, "cec_balance")  # 500 € left to find: other rights that could pay it
    page.get_by_label("Votre réponse").fill("0")
    page.get_by_role("button", name="Envoyer").click()
    result(page)
    expect(page.locator(".cpfbot-result h3")).to_have_text("Votre résultat")
    log = page.locator(".cpfbot-result").inner_text()
    assert "Plafond\u00a0: 5\u202f000\u00a0€." in log and "Solde\u00a0: 1\u202f000\u00a0€." in log
    assert "1\u202f000\u00a0€ sur 5\u202f000\u00a0€ (20\u00a0%)." in log  # the balance against its cap in words
    meter = page.locator(".cpfbot-result meter")
    expect(meter).to_have_attribute("value", "1000")
    expect(meter).to_have_attribute("max", "5000")
    page.get_by_text("Comment ces chiffres sont calculés").click()
    links = page.locator(".cpfbot-sources a")
    assert links.count() > 0  # each reference is a link, as in the terminal and the report
    for n in range(links.count()):
        link = links.nth(n)
        assert (link.get_attribute("href") or "").startswith("https://")
        assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    assert "L6323" in page.locator(".cpfbot-sources").first.inner_text()
    assert page.locator(".cpfbot-progress-text").inner_text().startswith("Toutes les questions")
    assert page.errors == []  # type: ignore[attr-defined]
    shot(page, "widget-fr-mouse-desktop")


def test_the_widget_echoes_answers_and_asks_confirmations_with_yes_no_buttons(
        browser: Browser, servers: dict[str, str]) -> None:
    page = job_seeker_at_the_balance(browser, servers)
    page.get_by_label("Votre réponse").fill("1,200")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".cpfbot-question")).to_contain_text("Cela peut se lire 1,20\u00a0€ ou 1\u202f200\u00a0€")
    assert [b.inner_text() for b in page.locator(".cpfbot-choice").all()] == ["Oui", "Non"]
    page.get_by_role("button", name="Non").click()
    asks(page, "training_kind")
    expect(page.locator(".cpfbot-log")).to_contain_text("→ 1\u202f200\u00a0€")
    page.get_by_role("button", name="Recommencer").click()
    expect(page.locator(".cpfbot-question")).to_contain_text("Recommencer depuis le début\u00a0?")
    page.get_by_role("button", name="Non").click()
    asks(page, "training_kind")
    expect(page.locator(".cpfbot-question")).to_contain_text("Quelle formation envisagez-vous")
    assert page.locator(".cpfbot-choice").count() > 2
    assert page.errors == []  # type: ignore[attr-defined]
    shot(page, "widget-fr-confirmations")


def test_a_whole_conversation_by_keyboard_only_at_320px_with_a_language_switch(
        browser: Browser, servers: dict[str, str]) -> None:
    page = new_page(browser, 320)
    page.goto(servers["bot"] + "/?lang=en")
    page.wait_for_selector(".cpfbot-start")
    tab_to(page, "Start")
    page.keyboard.press("Enter")
    asks(page, "status")
    assert focused(page) == "Private-sector employee"  # focus goes to the first choice
    tab_to(page, "Job seeker registered with France Travail", limit=10)
    page.keyboard.press("Enter")
    asks(page, "age")
    assert page.evaluate("document.activeElement.id") == "cpfbot-input"
    page.keyboard.type("45")
    page.keyboard.press("Enter")
    asks(page, "other_status")
    assert focused(page) == "No, none"  # focus goes to the first choice
    page.keyboard.press("Enter")
    asks(page, "balance")
    tab_to(page, "Français")
    page.keyboard.press("Enter")
    # (no wait_for_function: polling a string evaluates it, which the page's CSP forbids)
    expect(page.locator(".cpfbot")).to_have_attribute("lang", "fr")
    expect(page.locator(".cpfbot-question")).to_contain_text("solde")
    assert page.locator(".cpfbot-send").inner_text() == "Envoyer"
    tab_to(page, "Je ne sais pas")
    page.keyboard.press("Enter")
    asks(page, "years_worked")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    asks(page, "training_kind")
    page.keyboard.press("Enter")  # the first choice has the focus
    asks(page, "training_cost")
    page.keyboard.type("900")
    page.keyboard.press("Enter")
    page.wait_for_selector('.cpfbot-result:not([hidden]) h3, form.cpfbot-answer[data-question="cec_balance"]:not([hidden])')
    if page.locator('form.cpfbot-answer[data-question="cec_balance"]:not([hidden])').count():
        page.keyboard.type("0")  # other rights, asked when the CPF leaves something to pay
        page.keyboard.press("Enter")
    result(page)
    assert focused(page) == "Votre résultat"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page scrolls sideways at 320 px ({width})"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    assert page.get_by_role("log").count() == 1 and page.get_by_role("log").get_attribute("aria-live") == "polite"
    assert page.errors == []  # type: ignore[attr-defined]
    shot(page, "widget-en-fr-keyboard-320")


# Every hyphenated group with a digit in the widget's text ("L6323-3", "D5151-14", "2024-394"),
# with the line boxes it spans: one when it is kept together.
HYPHENATED = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector(".cpfbot"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+/g)) {
      if (!/[0-9]/.test(match[0])) { continue; }
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size) { found.push([match[0], lines.size]); }
    }
  }
  return found;
}"""


# Every domain name the widget shows, with the line boxes it spans: one when it is kept whole.
DOMAINS = HYPHENATED.replace("/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+/g", "/(?:[a-z0-9-]+\\.)+(?:fr|com|org|net|eu)\\b/gi") \
    .replace("if (!/[0-9]/.test(match[0])) { continue; }", "")


@pytest.mark.parametrize(("lang", "start", "job_seeker", "answer", "send", "explanations"), [
    ("fr", "Commencer", "Demandeur d'emploi inscrit à France Travail", "Votre réponse", "Envoyer",
     "Comment ces chiffres sont calculés"),
    ("en", "Start", "Job seeker registered with France Travail", "Your answer", "Send",
     "How these figures are computed")])
def test_no_legal_reference_is_cut_at_a_hyphen_at_320px(
        browser: Browser, servers: dict[str, str], lang: str, start: str, job_seeker: str, answer: str,
        send: str, explanations: str) -> None:
    """A newcomer read "…L6323-3, D5151-" at the end of a line and "14." on the next."""
    page = new_page(browser, 320)
    page.goto(servers["bot"] + f"/?lang={lang}")
    page.get_by_role("button", name=start).click()
    asks(page, "status")
    page.get_by_role("button", name=job_seeker).click()
    for field, typed in (("age", "45"), ("other_status", None), ("balance", "800"), ("training_kind", None),
                         ("accompaniment_hours", "20"), ("training_cost", "1500"), ("cec_balance", "0")):
        asks(page, field)
        if typed is None:
            page.locator(".cpfbot-choice").first.click() if field == "other_status" else \
                page.locator(".cpfbot-choice").nth(5).click()  # none; a skills assessment
        else:
            page.get_by_label(answer).fill(typed)
            page.get_by_role("button", name=send).click()
    result(page)
    page.get_by_text(explanations).click()
    said = page.locator(".cpfbot-log .cpfbot-msg")
    before = said.count()
    page.locator('[data-command="why"]').click()  # the reasons, in the log, with their sources
    expect(said.nth(before)).to_be_attached()
    found = page.evaluate(HYPHENATED)
    assert len(found) > 10 and any(text.startswith("D5151-") or text.startswith("L6323-") for text, _ in found)
    assert [text for text, lines in found if lines > 1] == []
    domains = page.evaluate(DOMAINS)  # "moncompteformation.gouv." then "fr." on the next line, before
    assert "moncompteformation.gouv.fr" in [text for text, _ in domains]
    assert [text for text, lines in domains if lines > 1] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # kept together, yet nothing overflows
    copied = page.locator(".cpfbot-sources").first.inner_text()
    assert "L6323-" in copied and not set(copied) & {"\u2011", "\u2060", "\ufeff"}  # copies as it reads
    assert page.errors == []  # type: ignore[attr-defined]
    shot(page, f"widget-{lang}-references-320")


@pytest.mark.parametrize(("lang", "notice"), [
    ("fr", "Le texte collé a été coupé : une réponse tient en 1\u202f000 caractères au plus."),
    ("en", "What you pasted was cut: an answer holds at most 1,000 characters.")])
def test_a_long_paste_is_cut_to_the_answers_limit_and_the_person_told(
        browser: Browser, servers: dict[str, str], lang: str, notice: str) -> None:
    page = new_page(browser, 800)
    page.goto(servers["bot"] + f"/?lang={lang}")
    page.locator(".cpfbot-start").click()
    asks(page, "status")
    page.locator(".cpfbot-choice").first.click()
    asks(page, "age")
    field = page.locator("#cpfbot-input")
    field.fill("4" * 3000)
    assert len(field.input_value()) == 1000  # the interpreter's limit, as in the terminal
    cut = page.locator(".cpfbot-cut")
    assert cut.text_content() == notice
    assert cut.get_attribute("aria-live") == "polite"
    assert field.get_attribute("aria-describedby") == "cpfbot-cut"
    page.locator(".cpfbot-send").click()
    page.wait_for_selector(".cpfbot-kind-error")
    assert len(page.locator(".cpfbot-you").last.inner_text()) >= 1000  # sent as cut, and told
    expect(cut).to_have_text("")
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "heading", "explanations", "reasons", "why"), [
    ("fr", "Votre résultat", "Comment ces chiffres sont calculés", "Les raisons de ce résultat", "Pourquoi"),
    ("en", "Your result", "How these figures are computed", "The reasons for this result", "Why?")])
def test_a_result_with_no_figure_gives_its_reasons_and_a_hint_for_the_buttons(
        browser: Browser, servers: dict[str, str], lang: str, heading: str, explanations: str, reasons: str,
        why: str) -> None:
    page = new_page(browser, 800)
    page.goto(servers["bot"] + f"/?lang={lang}")
    page.locator(".cpfbot-start").click()
    asks(page, "status")
    page.locator('.cpfbot-choice').nth(6).click()  # retired
    asks(page, "age")
    page.locator("#cpfbot-input").fill("70")
    page.locator(".cpfbot-send").click()
    result(page)
    expect(page.locator(".cpfbot-result h3")).to_have_text(heading)
    assert explanations not in page.locator(".cpfbot").inner_text()
    page.locator(".cpfbot-explanations summary").click()
    expect(page.locator(".cpfbot-explanations summary")).to_have_text(reasons)
    assert "L5151-2" in page.locator(".cpfbot-explanations").inner_text()  # the retirement rule's source
    hint = page.locator(".cpfbot-bot").last.inner_text()
    assert why in hint and '"why"' not in hint and "change N" not in hint and "quit" not in hint
    assert page.errors == []  # type: ignore[attr-defined]


def test_hostile_input_is_shown_as_text_on_a_page_without_csp(browser: Browser, servers: dict[str, str]) -> None:
    page = new_page(browser, 800)
    page.goto(servers["host"] + "/")  # another origin: the widget calls the bot through CORS
    page.get_by_role("button", name="Start").click()
    asks(page, "status")
    page.get_by_role("button", name="Private-sector employee").click()
    asks(page, "age")
    hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>'
    page.get_by_label("Your answer").fill(hostile)
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector(".cpfbot-kind-error")
    assert page.evaluate("window.pwned") is None
    assert page.locator(".cpfbot img, .cpfbot b").count() == 0
    assert hostile in page.locator(".cpfbot-you").last.inner_text()
    assert page.errors == []  # type: ignore[attr-defined]
    shot(page, "widget-hostile-input")


def test_the_console_prefills_a_session_and_the_widget_carries_it_on(browser: Browser, servers: dict[str, str]) -> None:
    console = new_page(browser, 1280)
    # The console reads the watched session every 2 s (setInterval): the test moves the page's
    # clock on by those 2 s where it waits for a reading, rather than sitting them out.
    console.clock.install()
    console.goto(servers["bot"] + "/console?lang=en")
    console.get_by_label("Agent token").fill("wrong-token-0123456789")
    console.get_by_role("button", name="Sign in").click()
    expect(console.get_by_role("alert")).to_contain_text("not valid")
    console.get_by_label("Agent token").fill(ALICE)
    console.get_by_role("button", name="Sign in").click()
    expect(console.locator("#agent-name")).to_have_text("alice")
    console.get_by_label("Situation", exact=True).select_option(label="Job seeker registered with France Travail")
    console.get_by_label("Age", exact=True).fill("52")
    console.get_by_role("button", name="Start the session").click()
    link = console.locator("#person-link")
    expect(link).to_have_value(__import__("re").compile(r"#session=[A-Za-z0-9_-]{24}$"))
    expect(console.locator("#session-status")).to_contain_text("another work situation")
    shot(console, "console-prefilled-session")

    person = new_page(browser, 390)
    person.goto(link.input_value())
    asks(person, "other_status")  # status and age were given by the agent
    expect(person.locator(".cpfbot-bot").first).to_contain_text("Here is where your conversation stands")
    person.get_by_role("button", name="No, none").click()
    asks(person, "balance")
    person.get_by_label("Your answer").fill("1200")
    person.get_by_role("button", name="Send").click()
    asks(person, "training_kind")
    shot(person, "widget-carries-on-the-agents-session")

    rows = console.locator("#answers tbody tr")
    console.clock.run_for(2000)  # the next reading
    expect(rows).to_have_count(4, timeout=STEP_TIMEOUT)
    assert [rows.nth(i).get_attribute("data-source") for i in range(4)] == ["agent", "agent", "person", "person"]
    assert rows.nth(2).inner_text().split("\t")[-1].strip() == "the person"
    console.get_by_label("Report language").select_option("fr")
    with console.expect_download() as download:
        console.get_by_role("button", name="Printable page (HTML)").click()
    saved = ARTIFACTS / "report-fr.html"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and "votre conseiller" in text
    assert "<h1>Rapport provisoire\u00a0: vos droits CPF" in text and "<li>Formation</li>" in text  # not reached yet
    report = browser.new_page()
    report.goto(saved.as_uri())
    shot(report, "report-fr-printable")
    with console.expect_download() as download:
        console.get_by_role("button", name="Markdown").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("# Rapport provisoire\u00a0: vos droits CPF")
    person.get_by_role("button", name="A skills assessment (bilan de compétences)").click()
    asks(person, "accompaniment_hours")
    person.get_by_label("Your answer").fill("20")
    person.get_by_role("button", name="Send").click()
    asks(person, "training_cost")
    person.get_by_label("Your answer").fill("1500")
    person.get_by_role("button", name="Send").click()
    asks(person, "cec_balance")
    person.get_by_label("Your answer").fill("0")
    person.get_by_role("button", name="Send").click()
    result(person)
    console.clock.run_for(2000)  # the next reading
    expect(console.locator("#figures")).to_contain_text("Balance: €1,200.", timeout=STEP_TIMEOUT)  # the result's figures
    expect(console.locator("#figures").locator("xpath=preceding-sibling::h3[1]")).to_have_text("Result")  # not "Your result"
    assert console.errors == [] and person.errors == []  # type: ignore[attr-defined]
    shot(console, "console-watching")


@pytest.mark.parametrize(("lang", "token", "sign_in", "status", "typed", "hours", "euros", "refused", "start"), [
    ("fr", "Jeton conseiller", "Se connecter", "Agent public (fonctionnaire ou contractuel)", "1,200",
     "Solde du compte (heures)", "Solde du compte (€)",
     "Solde du compte\u00a0: « 1,200 » peut se lire 1,2 ou 1200. Écrivez 1,2 pour le premier, 1200 pour le second.",
     "Ouvrir la session"),
    ("en", "Agent token", "Sign in", "Public agent (civil servant or contract agent)", "1.200",
     "Account balance (hours)", "Account balance (€)",
     "Account balance: “1.200” can be read as 1.2 or as 1200. Write 1.2 for the first, 1200 for the second.",
     "Start the session")])
def test_the_console_refuses_an_amount_that_reads_two_ways_and_says_the_balances_unit(
        browser: Browser, servers: dict[str, str], lang: str, token: str, sign_in: str, status: str, typed: str,
        hours: str, euros: str, refused: str, start: str) -> None:
    """A newcomer typed "1,200" in French and got a balance of 1,2 h, without a word."""
    console = new_page(browser, 1280)
    console.goto(servers["bot"] + f"/console?lang={lang}")
    console.get_by_label(token).fill(ALICE)
    console.get_by_role("button", name=sign_in).click()
    balance = console.locator("#known-balance")
    expect(console.locator('label[for="known-balance"]')).to_have_text(euros)
    console.locator("#known-status").select_option(label=status)
    expect(console.locator('label[for="known-balance"]')).to_have_text(hours)
    balance.fill(typed)
    console.locator("#start-session").click()
    expect(console.locator("#new-session .problem")).to_have_text(refused)
    expect(console.locator("#person-link")).to_have_count(0)  # no session made
    balance.fill(typed.replace(typed[1], ""))  # written plainly: 1200 hours
    console.locator("#start-session").click()
    expect(console.locator("#person-link")).to_be_visible()
    assert console.errors == []  # type: ignore[attr-defined]
