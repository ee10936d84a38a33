// One switch for what the offline plan skips or prepares ahead because it exists only for
// a real engine or a first run: the runtime's per-promise debug traces, the mock monitor's
// protobuf round trip, resource stack traces, output properties nobody reads, upgrade-only
// aliases, all registrations going on at once, and the schema models loaded as one bundled
// module. None of them changes resources.json or manifests.yaml (test/plan/shortcuts.test.ts
// compares both, on and off, for dev, prod and dev + 200 apps).
//   PLATFORM_PLAN_SHORTCUTS=off npm run plan -- --stack dev   # the SDK's own paths throughout

/** The environment variable that turns the shortcuts off ("off" or "0"). */
export const SHORTCUTS_VARIABLE = "PLATFORM_PLAN_SHORTCUTS";

/** Whether the offline plan takes its shortcuts (on unless the variable says off). */
export function shortcutsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
    const value = env[SHORTCUTS_VARIABLE]?.trim().toLowerCase();
    return value !== "off" && value !== "0" && value !== "false";
}
