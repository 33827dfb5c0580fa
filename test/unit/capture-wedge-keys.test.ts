// Which key events are characters, which are a person's editing keys, modifier keys, an empty prefixed
// scan, the short-barcode floor and the machine-fast mean that picks the burst timeout.
import { describe, expect, it } from 'vitest';
import { classifyKeyStream, createWedgeClassifier, wedgeChar, type WedgeKey } from '../../src/capture/index.js';

const key = (code: string, k: string, time: number): WedgeKey => ({ code, key: k, time });

describe('wedgeChar', () => {
  it('takes digits from the physical key and one-character keys as they are', () => {
    expect(wedgeChar({ code: 'Digit7', key: 'è' })).toBe('7');
    expect(wedgeChar({ code: 'Numpad0', key: 'Insert' })).toBe('0');
    expect(wedgeChar({ code: 'KeyQ', key: 'a' })).toBe('a');
    expect(wedgeChar({ code: 'KeyE', key: '😀' })).toBe('😀');
  });

  it('is undefined for named keys', () => {
    for (const [code, k] of [
      ['Backspace', 'Backspace'],
      ['ArrowLeft', 'ArrowLeft'],
      ['F5', 'F5'],
      ['NumpadDecimal', 'Delete'],
    ])
      expect(wedgeChar({ code: code!, key: k! })).toBeUndefined();
  });
});

describe('createWedgeClassifier: keys that are not characters', () => {
  it('hands back what it withheld before an editing key, and lets that key through', () => {
    const items = classifyKeyStream([key('Digit1', '1', 0), key('Digit2', '2', 10), key('ArrowLeft', 'ArrowLeft', 20)]);
    expect(items).toEqual([
      { kind: 'typing', keys: [key('Digit1', '1', 0), key('Digit2', '2', 10)] },
      { kind: 'passed', key: key('ArrowLeft', 'ArrowLeft', 20) },
    ]);
    expect(classifyKeyStream([key('Backspace', 'Backspace', 0)])).toEqual([
      { kind: 'passed', key: key('Backspace', 'Backspace', 0) },
    ]);
  });

  it('lets modifier keys through untouched, without ending or joining the burst', () => {
    const classifier = createWedgeClassifier();
    expect(classifier.push(key('Digit1', '1', 0))).toEqual({ consume: true, outputs: [] });
    expect(classifier.push(key('ShiftLeft', 'Shift', 2))).toEqual({ consume: false, outputs: [] });
    expect(classifier.push(key('ControlLeft', 'Control', 3))).toEqual({ consume: false, outputs: [] });
    expect(classifier.flush()).toEqual([{ kind: 'typing', keys: [key('Digit1', '1', 0)] }]);
  });

  it('swallows the suffix of an empty prefixed scan and reports nothing', () => {
    const classifier = createWedgeClassifier({ prefixCode: 'F13' });
    expect(classifier.push(key('F13', 'F13', 0))).toEqual({ consume: true, outputs: [] });
    expect(classifier.push(key('Enter', 'Enter', 5))).toEqual({ consume: true, outputs: [] });
    expect(classifier.pending).toBe(false);
  });
});

describe('createWedgeClassifier: thresholds', () => {
  it('reads a two-character scan when the station allows two with a suffix', () => {
    const items = classifyKeyStream([key('KeyA', 'A', 0), key('Digit7', '7', 5), key('Enter', 'Enter', 10)], {
      minLengthWithSuffix: 2,
    });
    expect(items).toMatchObject([{ kind: 'scan', text: 'A7', suffix: 'Enter' }]);
  });

  it('waits the burst gap when nothing is pending', () => {
    expect(createWedgeClassifier().flushDelayMs).toBe(80);
  });

  it('treats a lone key up to typingStreakMs after typed keys as more typing (the burst gap), later as a first key', () => {
    const after = (gap: number) => {
      const classifier = createWedgeClassifier();
      classifier.push(key('KeyA', 'a', 0));
      classifier.push(key('KeyB', 'b', 150));
      expect(classifier.flush()).toMatchObject([{ kind: 'typing' }]);
      classifier.push(key('KeyC', 'c', 150 + gap));
      return classifier.flushDelayMs;
    };
    expect(after(1000)).toBe(80);
    expect(after(1001)).toBe(250);
  });

  it('counts a burst as machine-fast when its mean gap is at most maxMeanGapMs (two keys: the one gap)', () => {
    const fast = createWedgeClassifier();
    fast.push(key('KeyA', 'a', 0));
    fast.push(key('KeyB', 'b', 35));
    expect(fast.flushDelayMs).toBe(250);
    const slow = createWedgeClassifier();
    slow.push(key('KeyA', 'a', 0));
    slow.push(key('KeyB', 'b', 60));
    expect(slow.flushDelayMs).toBe(80);
  });
});
