// A program builds its resources synchronously, so every registration it starts waits at
// once, and once the program returns they all go on together, step by step: each serializes,
// waits for its parent, asks the mock monitor and settles its outputs in lockstep with
// thousands of others, and everything each holds stays alive until the last has finished
// (the garbage collector copies it meanwhile). Here a registration that a resource's
// constructor starts waits, after its synchronous part (@pulumi/pulumi 3.270.0
// runtime/resource.js:658-746: the urn, id and output properties the program may read at
// once), for its turn: registrations go on in waves, in the order they were started, one wave
// per turn of the event loop. A wave that waits on a later one (a dependency created
// afterwards) does not hold it up: the next wave starts on the next turn regardless.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
const resourceRuntime = require("@pulumi/pulumi/runtime/resource") as { registerResource: (...args: unknown[]) => void };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's internal module, which has no typings
const dependsOn = require("@pulumi/pulumi/runtime/dependsOn") as { gatherExplicitDependencies: (dependencies: unknown) => Promise<unknown[]> };

/** Registrations let go on one turn of the event loop; measured in docs/performance.md. */
export const WAVE_SIZE = 100;

let installed = false;

/** Makes registrations go on in waves, for the rest of the process. */
export function useRegistrationWaves(): void {
    if (installed) {
        return;
    }
    const waves = new Waves(WAVE_SIZE);
    const registerResource = resourceRuntime.registerResource;
    const gatherExplicitDependencies = dependsOn.gatherExplicitDependencies;
    let registering = false;
    resourceRuntime.registerResource = (...args: unknown[]) => {
        registering = true;
        try {
            registerResource(...args);
        } finally {
            registering = false;
        }
    };
    // prepareResource's first await (runtime/resource.js:747), reached synchronously from
    // registerResource (:408): the one point every registration passes after its synchronous part.
    dependsOn.gatherExplicitDependencies = (dependencies) => {
        if (!registering) {
            return gatherExplicitDependencies(dependencies);
        }
        registering = false;
        return waves.turn().then(() => gatherExplicitDependencies(dependencies));
    };
    installed = true;
}

/** A queue let go `size` at a time, one batch per turn of the event loop. */
class Waves {
    private waiting: (() => void)[] = [];
    private scheduled = false;

    constructor(private readonly size: number) {}

    /** Settles when this caller's wave starts. */
    turn(): Promise<void> {
        const turn = new Promise<void>((start) => this.waiting.push(start));
        this.schedule();
        return turn;
    }

    private schedule(): void {
        if (!this.scheduled) {
            this.scheduled = true;
            setImmediate(() => this.next());
        }
    }

    private next(): void {
        this.scheduled = false;
        const wave = this.waiting.splice(0, this.size);
        wave.forEach((start) => start());
        if (this.waiting.length > 0) {
            this.schedule();
        }
    }
}
