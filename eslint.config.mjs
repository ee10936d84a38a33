// Lint rules: typescript-eslint's recommended set on the project's TypeScript sources.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**"] },
    eslint.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
        },
    },
    {
        // The loader and the policy pack's entry are CommonJS run by Node before any TypeScript.
        files: ["**/*.cjs"],
        languageOptions: {
            sourceType: "commonjs",
            globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" },
        },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // Tests inspect recorded resource inputs, which are untyped JSON.
        files: ["test/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
);
