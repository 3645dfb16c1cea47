/**
 * A small closable box next to a page's main plot saying what the user is looking at. Closing it is
 * remembered per id (explanationMemory.ts); a closed box leaves a "What am I looking at?" button
 * that brings it back.
 */
import { type ReactNode, useState } from 'react';
import { browserExplanationMemory, type ExplanationMemory } from '../explanationMemory';
import { EXPLANATIONS, type ExplanationId, textParts } from '../explanations';

export interface ExplanationProps {
  id: string;
  title: string;
  children: ReactNode;
  /** Where closing is remembered; the browser's localStorage unless a test hands in another. */
  memory?: ExplanationMemory;
}

export function Explanation({ id, title, children, memory = browserExplanationMemory }: ExplanationProps) {
  const [closed, setClosed] = useState(() => memory.isClosed(id));
  if (closed) {
    return (
      <button
        type="button"
        className="explain-reopen"
        onClick={() => {
          memory.reopen(id);
          setClosed(false);
        }}
        data-testid={`explain-${id}`}
      >
        <span className="explain-mark" aria-hidden="true">
          ?
        </span>{' '}
        What am I looking at?
      </button>
    );
  }
  return (
    <aside className="explanation" aria-label={title} data-testid={`explanation-${id}`}>
      <div className="explanation-head">
        <strong>{title}</strong>
        <button
          type="button"
          className="explanation-close"
          aria-label="Close explanation"
          title="Close (the “What am I looking at?” button brings it back)"
          onClick={() => {
            memory.close(id);
            setClosed(true);
          }}
          data-testid={`explanation-${id}-close`}
        >
          ×
        </button>
      </div>
      {children}
    </aside>
  );
}

/** Text with its **control labels** in bold. */
function Marked({ text }: { text: string }) {
  return (
    <>
      {textParts(text).map((part, i) =>
        // The parts have no identity beyond their place in a fixed string.
        part.strong ? <strong key={i}>{part.text}</strong> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}

/** One of the app's explanations (explanations.ts) as a three-line list. */
export function PageExplanation({ id }: { id: ExplanationId }) {
  const text = EXPLANATIONS[id];
  return (
    <Explanation id={id} title={text.title}>
      <ul>
        <li>
          <span className="explanation-lead">On screen:</span> <Marked text={text.see} />
        </li>
        <li>
          <span className="explanation-lead">Try first:</span> <Marked text={text.tryFirst} />
        </li>
        <li>
          <span className="explanation-lead">Expect:</span> <Marked text={text.expect} />
        </li>
      </ul>
    </Explanation>
  );
}
