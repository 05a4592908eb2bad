// Starts `govrubric lsp` for .rubric files; everything else (diagnostics, hover, formatting …) is the server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("govrubric").get("command") || ["govrubric", "lsp"];
  client = new LanguageClient("govrubric", "govrubric",
    { command, args, options: { env: { ...process.env, PYTHONIOENCODING: "utf-8" } } },
    { documentSelector: [{ scheme: "file", language: "govrubric" }, { scheme: "untitled", language: "govrubric" }] });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
