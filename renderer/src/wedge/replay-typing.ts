/**
 * Hands keys that the wedge listener withheld back to the page as typing: inserted into the focused
 * field as if typed (input events fire, React sees them, maxLength and selection are respected), or,
 * when no field has focus, dispatched again as key events for the page's own shortcuts.
 */
import type { WedgeKey } from '../../../src/capture';

/** Events this module dispatched, so the wedge listener lets them pass untouched. */
export const replayedEvents = new WeakSet<Event>();

function isEditable(element: Element | null): element is HTMLInputElement | HTMLTextAreaElement | HTMLElement {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  if (element instanceof HTMLInputElement) {
    const textual = ['text', 'search', 'tel', 'url', 'email', 'password', 'number', ''].includes(element.type);
    return textual && !element.readOnly && !element.disabled;
  }
  return element instanceof HTMLElement && element.isContentEditable;
}

const SPACE_ROLES = new Set([
  'button',
  'checkbox',
  'radio',
  'switch',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'tab',
  'option',
]);

/** A control that Space presses (button, checkbox, radio, or an element with such a role). */
export function isSpaceActivated(element: Element | null): element is HTMLElement {
  if (!(element instanceof HTMLElement)) return false;
  if (element instanceof HTMLButtonElement) return !element.disabled;
  if (element instanceof HTMLInputElement)
    return ['button', 'submit', 'reset', 'checkbox', 'radio'].includes(element.type) && !element.disabled;
  return SPACE_ROLES.has(element.getAttribute('role') ?? '');
}

function insertIntoField(field: HTMLInputElement | HTMLTextAreaElement | HTMLElement, text: string): void {
  // execCommand('insertText') is the one way to type programmatically that behaves like the keyboard
  // (undo stack, input events, maxLength). If it is refused, fall back to setRangeText.
  if (document.execCommand('insertText', false, text)) return;
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    field.setRangeText(text, start, end, 'end');
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  }
}

/**
 * `typedIn` is the element that had the focus when the first of these keys was pressed: if the focus
 * moved since (a click into another field), the keys still go where they were typed, never into
 * the field that has the focus now.
 */
export function replayTyping(keys: readonly WedgeKey[], typedIn: Element | null = document.activeElement): void {
  const text = keys.map((k) => k.key).join('');
  if (
    typedIn &&
    typedIn !== document.activeElement &&
    typedIn.isConnected &&
    (typedIn instanceof HTMLInputElement || typedIn instanceof HTMLTextAreaElement) &&
    isEditable(typedIn)
  ) {
    // Not focused: execCommand would type into the focused element, so insert at the field's own caret.
    const start = typedIn.selectionStart ?? typedIn.value.length;
    typedIn.setRangeText(text, start, typedIn.selectionEnd ?? start, 'end');
    typedIn.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    return;
  }
  const target = document.activeElement;
  if (isEditable(target)) {
    insertIntoField(target, text);
    return;
  }
  for (const key of keys) {
    const event = new KeyboardEvent('keydown', { key: key.key, code: key.code, bubbles: true, cancelable: true });
    replayedEvents.add(event);
    const notCancelled = (target ?? document.body).dispatchEvent(event);
    // A synthetic key event has no default action: press the control the way the key would have.
    if (notCancelled && key.key === ' ' && isSpaceActivated(target)) target.click();
  }
}
