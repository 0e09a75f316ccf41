"""`cpf-bot web`: the HTTP channel, a sibling of `serve` (CONTRACT.md, "HTTP").

An ASGI application (Starlette, served by uvicorn) that only translates HTTP to calls of
the conversation service (`bot.service.stored`) and back: the JSON API under `/v1/`, the
REST channel Rasa clients speak (`/webhooks/rest/webhook`), the embeddable chat widget
(`/widget.js`), a demo page (`/`), the agent console (`/console`) and the OpenAPI
document (`/openapi.json`). Every sentence comes from the catalogs (`web.*` keys).

Modules: `config` (the settings), `errors` (codes, statuses, error replies), `auth`
(agent tokens), `security` (headers, CORS, body cap, rate limit, access log), `bodies`
(JSON request bodies), `views` (sessions as JSON), `api` (the `/v1/` routes), `rest`
(the Rasa REST channel), `pages` (widget, console, demo page, texts, schema),
`report_html` (the printable report), `openapi`, `app` (the assembly) and `command`
(`cpf-bot web`).
"""
