import { randomBytes } from 'node:crypto';
import { MAX_AUTHORISATION_DAYS } from '../../schemas/applicant.ts';
import { authorisationProblems } from '../domain/applicant.ts';
import { crockford6 } from '../domain/case-number.ts';
import { maskIdNumber } from '../domain/mask.ts';
import { httpHandler } from './http/handler.ts';
import { HttpProblem } from './http/problem.ts';
import { operations } from './routes.ts';

/** The signed-in person authorises an agent (代办授权); a later one for the same agent replaces it. */
export const handler = httpHandler(operations.createAuthorisation, {
  async handle({ body, principal, rt }) {
    const person = principal!.idNumber!;
    const today = rt.clock.today();
    const problems = authorisationProblems(
      { personIdNumber: person, agentIdNumber: body.agent.idNumber, validFrom: body.validFrom, validUntil: body.validUntil },
      today,
      MAX_AUTHORISATION_DAYS,
    );
    if (problems.length)
      throw new HttpProblem(400, 'Invalid request', `The authorisation cannot be taken: ${problems.map((p) => p.path).join(', ')}`, problems);
    const createdAt = rt.clock.now().toISOString();
    const authorisationId = `AU${today.replaceAll('-', '')}${crockford6(randomBytes(4))}`;
    await rt.agencies.put({
      authorisationId,
      personIdNumber: person,
      agentIdNumber: body.agent.idNumber,
      agentName: body.agent.name,
      scope: body.scope,
      validFrom: body.validFrom,
      validUntil: body.validUntil,
      createdAt,
    });
    return {
      status: 201,
      body: {
        authorisationId,
        personIdNumberMasked: maskIdNumber(person),
        agent: { idNumberMasked: maskIdNumber(body.agent.idNumber), name: body.agent.name },
        scope: body.scope,
        validFrom: body.validFrom,
        validUntil: body.validUntil,
        createdAt,
      },
    };
  },
});
