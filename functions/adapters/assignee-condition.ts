/**
 * "Only the assignee or a supervisor decides an assigned case", as a condition of the decision's own write,
 * so a hand-over that lands a moment before a decision is never overtaken by it. A supervisor needs none.
 */
export function assigneeAllows(staffId: string, supervisor: boolean) {
  if (supervisor) return { expression: undefined, names: {}, values: {} };
  return {
    expression: '(attribute_not_exists(assignee) OR assignee.staffId = :assigneeMe)',
    names: {} as Record<string, string>,
    values: { ':assigneeMe': staffId } as Record<string, unknown>,
  };
}
