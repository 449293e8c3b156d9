import { render } from "preact";
import { restoreSession } from "./api/session-store";
import { App } from "./app-shell";
import { onLinkClick } from "./router";
import "./styles/app.css";

document.addEventListener("click", onLinkClick);
const root = document.getElementById("root");
if (root) {
  render(<App />, root);
  void restoreSession();
}
