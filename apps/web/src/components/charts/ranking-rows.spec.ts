import { describe, expect, it } from 'vitest';
import { drawnNote, listedNote } from './ranking-rows';

describe('drawnNote', () => {
  it('names how many of the rows the chart draws, only when it draws fewer', () => {
    expect(drawnNote(378, 15, 'teams with the most hours')).toBe(' The 15 teams with the most hours of 378 are drawn; the table and CSV list all.');
    expect(drawnNote(15, 15, 'teams')).toBe('');
    expect(drawnNote(200, 15, 'responders', 'the table lists them')).toBe(' The 15 responders of 200 are drawn; the table lists them.');
  });
});

describe('listedNote', () => {
  it('names how many of all the rows the answer lists, and which CSV has them all', () => {
    expect(listedNote(215, 3800, 'responders')).toBe(' 215 of 3,800 responders are listed; the CSV lists all.');
    expect(listedNote(201, 205, 'responders', 'the hours CSV')).toBe(' 201 of 205 responders are listed; the hours CSV lists all.');
  });

  it('says nothing when nothing was cut', () => {
    expect(listedNote(60, 60, 'responders')).toBe('');
  });
});
