// npm run openapi — writes docs/openapi.json from the route declarations.
// tests/api/openapi.test.ts fails when the committed copy drifts from the code.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { openApiDocumentText } from "../src/openapi/generate";

const file = path.resolve(__dirname, "../docs/openapi.json");
writeFileSync(file, openApiDocumentText());
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
