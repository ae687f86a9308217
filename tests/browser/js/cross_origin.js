// Runs the query of ?query= against the endpoint of ?endpoint= (another origin) twice:
// with YASGUI, and with a direct POST of application/sparql-query. Both need CORS; both force
// a preflight (the long Accept header is not CORS-safelisted; the Content-Type is not either).
"use strict";

const params = new URLSearchParams(window.location.search);
const endpoint = params.get("endpoint");
const query = params.get("query");
// Longer than 128 bytes, so the browser asks the server first (a CORS preflight).
const accept =
  "application/sparql-results+json,application/sparql-results+xml;q=0.9," +
  "text/csv;q=0.8,text/tab-separated-values;q=0.7,application/json;q=0.6,*/*;q=0.1";

function show(id, text) {
  document.getElementById(id).textContent = text;
}

async function direct() {
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: accept },
      body: query,
    });
    show("direct-result", response.status + "\n" + (await response.text()));
  } catch (err) {
    show("direct-result", "failed: " + err);
  }
}

function withYasgui() {
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    persistenceId: null,
    populateFromUrl: false, // this page runs the query itself, once
    copyEndpointOnNewTab: false,
    requestConfig: { endpoint: endpoint, method: "POST", acceptHeaderSelect: accept },
    yasqe: { prefixCcApi: null },
  });
  const tab = yasgui.getTab();
  const yasqe = tab.getYasqe();
  yasqe.on("queryResponse", (_yasqe, response) => {
    show("yasgui-result", response && response.content ? response.content : "failed: " + response);
  });
  yasqe.setValue(query);
  yasqe.query().catch((err) => show("yasgui-result", "failed: " + err));
}

withYasgui();
direct();
