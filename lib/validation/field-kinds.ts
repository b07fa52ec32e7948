// The kinds of a request type's fields, with no zod: the field editor imports these in the browser.
import type { FieldDefinition } from "./fields";

export const fieldKinds = ["text", "textarea", "number", "date", "select", "multiselect", "checkbox", "person", "file"] as const satisfies readonly FieldDefinition["kind"][];
export type FieldKind = (typeof fieldKinds)[number];
