import { z } from "zod";
import { fieldDefinitionsSchema } from "@/lib/validation/fields";

/**
 * The field editor's drafts, checked by the server's own schema (fieldDefinitionsSchema) once turned
 * into definitions: its messages land on the draft's inputs, since the paths are the same. The
 * editor imports this on demand, so zod is not part of the page's first load.
 */
export const editorSchema = <Draft>(toDefinition: (draft: Draft) => unknown) =>
  z.object({ fields: z.array(z.custom<Draft>()).transform((drafts) => drafts.map(toDefinition)).pipe(fieldDefinitionsSchema) });
