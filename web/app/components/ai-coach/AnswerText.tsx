// The model's text as plain paragraphs and simple lists, built from React text nodes: never HTML from
// the model. `**bold**` becomes <strong>, an app page it names (the upgrade link, or a Markdown link to
// one) a link labelled in words; anything else shows as written.
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { answerLinks } from '~/utils/ai-coach';

type Block = { kind: 'p'; lines: string[] } | { kind: 'ul' | 'ol'; items: string[] };

const BULLET = /^\s*[-*•]\s+/;
const NUMBERED = /^\s*\d+[.)]\s+/;

export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    let para: string[] = [];
    const flush = () => {
      if (para.length) blocks.push({ kind: 'p', lines: para });
      para = [];
    };
    for (const line of lines) {
      const kind = BULLET.test(line) ? 'ul' : NUMBERED.test(line) ? 'ol' : null;
      if (!kind) {
        para.push(line.trim());
        continue;
      }
      flush();
      const item = line.replace(kind === 'ul' ? BULLET : NUMBERED, '').trim();
      const prev = blocks[blocks.length - 1];
      if (prev && prev.kind === kind) prev.items.push(item);
      else blocks.push({ kind, items: [item] });
    }
    flush();
  }
  return blocks;
}

function linked(text: string, key: number): ReactNode[] {
  return answerLinks(text).map((p, j) =>
    'path' in p ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one line never reorder
      <Link key={`${key}-${j}`} to={p.path}>
        {p.label}
      </Link>
    ) : (
      p.text
    ),
  );
}

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).flatMap((part, i) =>
    part.startsWith('**') && part.endsWith('**') && part.length > 4 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one line never reorder
      <strong key={i}>{part.slice(2, -2)}</strong>
    ) : (
      linked(part, i)
    ),
  );
}

export function AnswerText({ text }: { text: string }) {
  return (
    <>
      {blocksOf(text).map((b, i) => {
        const key = `${b.kind}-${i}`;
        if (b.kind === 'p')
          return (
            <p key={key}>
              {b.lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of one paragraph never reorder
                <span key={j}>
                  {j > 0 ? <br /> : null}
                  {inline(l)}
                </span>
              ))}
            </p>
          );
        const List = b.kind;
        return (
          <List key={key}>
            {b.items.map((item, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items of one list never reorder
              <li key={j}>{inline(item)}</li>
            ))}
          </List>
        );
      })}
    </>
  );
}
