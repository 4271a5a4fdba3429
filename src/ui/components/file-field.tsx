/** A labelled <input type=file> that hands over the chosen file's text (backup files are small JSON). */
export function FileField(props: {
  label: string;
  testId: string;
  onText: (text: string | null, name: string | null) => void;
  hint?: string;
}) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        data-testid={props.testId}
        type="file"
        accept=".json,application/json"
        onChange={async (e) => {
          const file = (e.currentTarget as HTMLInputElement).files?.[0];
          if (!file) return props.onText(null, null);
          // A backup file is a few kilobytes; anything huge is not one of ours.
          if (file.size > 1 << 20) return props.onText('', file.name);
          props.onText(await file.text(), file.name);
        }}
      />
      {props.hint && <small>{props.hint}</small>}
    </label>
  );
}
