import { fieldValuesSchema, type FieldDefinition } from "@/lib/validation/fields";
import { fileRequestSchema } from "@/lib/validation/requests";

/**
 * The request type's form schema, built from the same zod schemas the Server Action checks
 * (lib/validation): the browser's check is a convenience, the server's the authority. The form
 * imports it on demand, so zod is not part of the page's first load.
 */
export const requestFormSchema = (fields: FieldDefinition[]) => fileRequestSchema.pick({ title: true, description: true }).extend({ fieldValues: fieldValuesSchema(fields) });
