import { excerpt } from '../../../services/answers/format';

test.each([
  ['short text', 200, 'short text'],
  ['  spaced\n\tout  text ', 200, 'spaced out text'],
  ['the quick brown fox', 19, 'the quick brown fox'],
  ['the quick brown fox', 18, 'the quick brown…'],
  ['the quick brown fox', 16, 'the quick…'],
  ['the quick brown fox', 11, 'the quick…'],
  ['the quick brown fox', 10, 'the…'],
  ['supercalifragilistic', 10, 'supercali…'],
  [`one${' '.repeat(50)}two three`, 10, 'one two…'],
])('excerpt(%j, %i) is %j: cut at a space, never inside a word', (text, max, cut) => {
  expect(excerpt(text, max)).toBe(cut);
});
