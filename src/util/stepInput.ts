// An input box as one step of a multi-step input (Add Tenant): showInputBox offers no step count and no Back.
// Reached only through the prompts guard (util/prompts.ts), which makes its texts inert first.
import * as vscode from 'vscode';

export interface InputStepPlace {
  step: number;
  totalSteps: number;
}

/** What an input step answered: the value or a press of Back (undefined for Escape). */
export type InputStepAnswer = { kind: 'value'; value: string } | { kind: 'back' };

export type StepInputOptions = vscode.InputBoxOptions & InputStepPlace;

function verdictOf(result: string | vscode.InputBoxValidationMessage | undefined | null): string | undefined {
  return (typeof result === 'string' ? result : result?.message) || undefined;
}

export function showStepInput(options: StepInputOptions): Promise<InputStepAnswer | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    let done = false;
    const finish = (answer: InputStepAnswer | undefined) => {
      if (done) return;
      done = true;
      resolve(answer);
      box.dispose();
    };
    const check = async (value: string) => verdictOf(await options.validateInput?.(value));
    Object.assign(box, {
      title: options.title,
      step: options.step,
      totalSteps: options.totalSteps,
      prompt: options.prompt,
      placeholder: options.placeHolder,
      value: options.value ?? '',
      password: options.password === true,
      ignoreFocusOut: true,
      buttons: options.step > 1 ? [vscode.QuickInputButtons.Back] : [],
    });
    box.onDidChangeValue(async (value) => {
      const verdict = await check(value);
      if (box.value === value) box.validationMessage = verdict;
    });
    box.onDidAccept(async () => {
      const value = box.value;
      const verdict = await check(value);
      box.validationMessage = verdict;
      if (verdict === undefined) finish({ kind: 'value', value });
    });
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
