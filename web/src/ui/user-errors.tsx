// A mutation's userErrors: what the person can fix, with the field it is about.
export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

export const USER_ERRORS = 'userErrors { field message code }';

export function UserErrors({ errors }: { errors: UserError[] }) {
  if (!errors.length) return null;
  return (
    <div class="notice error" role="alert">
      <p>Nothing was saved:</p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e.message}</li>
        ))}
      </ul>
    </div>
  );
}
