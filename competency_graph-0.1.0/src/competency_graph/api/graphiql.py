"""The browser pages: GraphiQL (vendored, offline) and a small dependency-free console.

``GET /graphql`` from a browser gets GraphiQL 3, served from the files vendored in
``api/static/graphiql/`` (React 18 UMD builds and GraphiQL's UMD bundle; no CDN).
``GET /console`` is our own page with no JavaScript dependencies: an editor for the query and
variables, a Run button (Ctrl+Enter) that POSTs to the endpoint, the JSON answer and the
example queries in a menu. It keeps working with introspection off, when GraphiQL cannot
load the schema.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

#: the vendored GraphiQL files, mounted at :data:`ASSETS_URL`
ASSETS_DIR = Path(__file__).resolve().parent / "static" / "graphiql"
ASSETS_URL = "/graphiql"

GRAPHIQL_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>competency-graph GraphiQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
<link rel="stylesheet" href="__ASSETS__/graphiql.min.css">
<script src="__ASSETS__/react.production.min.js"></script>
<script src="__ASSETS__/react-dom.production.min.js"></script>
<script src="__ASSETS__/graphiql.min.js"></script>
</head>
<body>
<div id="graphiql">Loading GraphiQL... (a plain console is at <a href="/console">/console</a>)</div>
<script>
const fetcher = GraphiQL.createFetcher({ url: __ENDPOINT__ });
ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: __QUERY__,
    defaultEditorToolsVisibility: true,
  })
);
</script>
</body>
</html>
"""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>competency-graph GraphQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 14px system-ui, sans-serif; margin: 0; display: flex; flex-direction: column;
       height: 100vh; }
header { padding: 8px 12px; background: #24324a; color: #fff; display: flex; gap: 12px;
         align-items: center; }
header a { color: #9cf; }
main { flex: 1; display: grid; grid-template-columns: 1fr 1fr; gap: 8px; padding: 8px;
       min-height: 0; }
section { display: flex; flex-direction: column; min-height: 0; }
textarea, pre { flex: 1; font: 13px ui-monospace, monospace; border: 1px solid #bbb;
                padding: 8px; margin: 0; overflow: auto; white-space: pre; }
#variables { flex: 0 0 6em; margin-top: 6px; }
button { font-size: 14px; padding: 4px 14px; }
</style>
</head>
<body>
<header>
  <strong>competency-graph</strong>
  <button id="run" title="Ctrl+Enter">Run</button>
  <select id="examples"><option value="">examples...</option></select>
  <span id="status"></span>
  <a href="__SCHEMA__">schema (SDL)</a>
  <a href="__HEALTH__">health</a>
</header>
<main>
  <section>
    <textarea id="query" spellcheck="false">__QUERY__</textarea>
    <textarea id="variables" spellcheck="false" placeholder="variables (JSON)"></textarea>
  </section>
  <section><pre id="result"></pre></section>
</main>
<script>
const examples = __EXAMPLES__;
const select = document.getElementById("examples");
for (const name of Object.keys(examples)) {
  const option = document.createElement("option");
  option.value = name; option.textContent = name; select.appendChild(option);
}
select.onchange = () => {
  if (select.value) document.getElementById("query").value = examples[select.value];
};
async function run() {
  const status = document.getElementById("status");
  const body = { query: document.getElementById("query").value };
  const variables = document.getElementById("variables").value.trim();
  if (variables) {
    try { body.variables = JSON.parse(variables); }
    catch (e) { status.textContent = "variables are not JSON: " + e.message; return; }
  }
  status.textContent = "...";
  const started = performance.now();
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json",
               "Accept": "application/graphql-response+json, application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  status.textContent = response.status + " in " + Math.round(performance.now() - started) + " ms";
  try { text && (document.getElementById("result").textContent =
        JSON.stringify(JSON.parse(text), null, 2)); }
  catch (e) { document.getElementById("result").textContent = text; }
}
document.getElementById("run").onclick = run;
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
});
</script>
</body>
</html>
"""

DEFAULT_QUERY = """query SkillsSupportingADuty {
  skillsSupporting(duty: "duty:form-client-base") {
    skill { id label }
    direct
  }
}"""


def render_page(
    examples: dict[str, str],
    schema_url: str = "/schema.graphql",
    health_url: str = "/healthz",
    query: str = DEFAULT_QUERY,
) -> str:
    """The console page with ``examples`` (name -> query text) in its menu."""
    # </script> inside a JSON string would end the script element early
    examples_json = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    return (
        PAGE.replace("__EXAMPLES__", examples_json)
        .replace("__QUERY__", html.escape(query))
        .replace("__SCHEMA__", html.escape(schema_url))
        .replace("__HEALTH__", html.escape(health_url))
    )


def render_graphiql(endpoint: str = "/graphql", query: str = DEFAULT_QUERY) -> str:
    """The GraphiQL page for ``endpoint``, loading the vendored assets."""

    def js(value: str) -> str:
        # a JSON string is a JavaScript string; </ must not end the script element
        return json.dumps(value).replace("</", "<\\/")

    return (
        GRAPHIQL_PAGE.replace("__ASSETS__", ASSETS_URL)
        .replace("__ENDPOINT__", js(endpoint))
        .replace("__QUERY__", js(query))
    )
