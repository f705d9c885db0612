import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagramDocument, diagramOf } from '../../workflows/diagram.ts';

describe('workflow diagram', () => {
  it('the committed picture is the one the ASL gives (npm run diagram)', () => {
    expect(readFileSync(new URL('../../workflows/retirement-case.md', import.meta.url), 'utf8')).toBe(diagramDocument());
  });

  it('draws every state, choice label and caught error of a definition', () => {
    const text = diagramOf({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Next: 'B', Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'C' }] },
        B: { Type: 'Choice', Choices: [{ Variable: '$.x', StringEquals: 'PASS', Next: 'C' }], Default: 'D' },
        C: { Type: 'Succeed' },
        D: { Type: 'Task', End: true },
      },
    });
    expect(text).toContain('A[/A: waits for a person/]');
    expect(text).toContain('A -.->|States.Timeout| C');
    expect(text).toContain('B -->|PASS| C');
    expect(text).toContain('B -->|otherwise| D');
    expect(text).toContain('D --> finish((end))');
  });
});
