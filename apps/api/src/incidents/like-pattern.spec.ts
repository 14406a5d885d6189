import { describe, expect, it } from 'vitest';
import { containsPattern } from './like-pattern.js';

describe('containsPattern', () => {
  it.each([
    ['disk', '%disk%'],
    ['100%', '%100\\%%'], // % matches itself, not "anything"
    ['cache_miss', '%cache\\_miss%'], // _ matches itself, not "any one character"
    ['C:\\temp', '%C:\\\\temp%'], // the escape character escapes itself
    ['%_\\', '%\\%\\_\\\\%'],
    ['', '%%'],
  ])('%j → %j', (text, pattern) => {
    expect(containsPattern(text)).toBe(pattern);
  });
});
