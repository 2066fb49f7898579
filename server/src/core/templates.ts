// State machine templates offered by "ASL: New State Machine from Template".
// Hello World is the Step Functions console's own, so a run shows the same 20 events.

export interface Template {
  id: string;
  label: string;
  description: string;
  definition: object;
}

export const helloWorldTemplate: Template = {
  id: 'hello-world',
  label: 'Hello World',
  description: 'The Step Functions console example: Pass, Choice, Wait, Parallel',
  definition: {
    Comment: 'A description of my state machine',
    StartAt: 'Pass',
    States: {
      Pass: {
        Type: 'Pass',
        Comment: 'A Pass state passes its input to its output, without performing work. They can also generate static JSON output, or transform JSON input using filters and pass the transformed data to the next state. Pass states are useful when constructing and debugging state machines.',
        Next: 'Hello World example?',
        Result: { IsHelloWorldExample: true },
      },
      'Hello World example?': {
        Type: 'Choice',
        Comment: 'A Choice state adds branching logic to a state machine. Choice rules can implement many different comparison operators, and rules can be combined using And, Or, and Not',
        Choices: [
          { Variable: '$.IsHelloWorldExample', BooleanEquals: true, Next: 'Yes' },
          { Variable: '$.IsHelloWorldExample', BooleanEquals: false, Next: 'No' },
        ],
        Default: 'Yes',
      },
      Yes: { Type: 'Pass', Next: 'Wait 3 sec' },
      No: { Type: 'Fail', Cause: 'Not Hello World' },
      'Wait 3 sec': {
        Type: 'Wait',
        Comment: 'A Wait state delays the state machine from continuing for a specified time.',
        Seconds: 3,
        Next: 'Parallel State',
      },
      'Parallel State': {
        Type: 'Parallel',
        Comment: 'A Parallel state can be used to create parallel branches of execution in your state machine.',
        Branches: [
          { StartAt: 'Hello', States: { Hello: { Type: 'Pass', End: true } } },
          { StartAt: 'World', States: { World: { Type: 'Pass', End: true } } },
        ],
        Next: 'Hello World',
      },
      'Hello World': { Type: 'Pass', End: true },
    },
  },
};

export const templates: readonly Template[] = [helloWorldTemplate];

/** The text of a new document: two-space JSON, as the console writes it. */
export function templateText(template: Template): string {
  return JSON.stringify(template.definition, null, 2) + '\n';
}
