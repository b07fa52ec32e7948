/**
 * Puts text at the cursor of a textarea (replacing its selection) through the browser's editing (an
 * `input` event, one undo step), never by assigning `value`: a box whose text React holds in state
 * would otherwise throw the inserted text away on its next render.
 */
export function insertText(field: HTMLTextAreaElement, text: string) {
  field.focus();
  if (document.execCommand("insertText", false, text)) return;
  // Browsers without insertText on a textarea: the native setter, then the input event React listens for.
  const { selectionStart: start, selectionEnd: end, value } = field;
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set?.call(field, `${value.slice(0, start)}${text}${value.slice(end)}`);
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.setSelectionRange(start + text.length, start + text.length);
}
