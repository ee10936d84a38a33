// The CRD schema validator, shared with the offline plan (offline/validation/crdSchemaProblems.ts).
export { isMapping, schemaProblems } from "../../offline/validation/crdSchemaProblems";
