/** AMQP topic matching: words split on `.`, `*` matches one word, `#` zero or more. */
export function topicMatches(pattern: string, topic: string): boolean {
  return match(pattern.split('.'), 0, topic.split('.'), 0);
}

function match(p: string[], i: number, t: string[], j: number): boolean {
  if (i === p.length) return j === t.length;
  const word = p[i];
  if (word === '#') {
    for (let k = j; k <= t.length; k++) if (match(p, i + 1, t, k)) return true;
    return false;
  }
  if (j === t.length) return false;
  return (word === '*' || word === t[j]) && match(p, i + 1, t, j + 1);
}
