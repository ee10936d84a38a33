// Pulumi entry point: the stack outputs of the platform program.
import { runPlatformProgram } from "./program";

export = runPlatformProgram();
