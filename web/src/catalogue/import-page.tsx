import type { PageProps } from '../pages';

export default function Page(_: PageProps) {
  return <p>To do</p>;
}
