// Where the generated stack file schema lives, and the line by which stack files name it.

/** Relative to the project root (and so to every Pulumi.<stack>.yaml). */
export const SCHEMA_PATH = "schema/stack-config.schema.json";

/** The first line of every stack file: the YAML language server reads the schema from it. */
export const SCHEMA_MODELINE = `# yaml-language-server: $schema=./${SCHEMA_PATH}`;
