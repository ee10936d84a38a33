// Entry of the policy pack (package.json main): the TypeScript loader, then the pack's
// source, so the pack runs with no build step like the program does.
"use strict";
require("../tools/typescript-loader.cjs");
require("./index.ts");
