interface PageHeaderProps {
  title: string;
  /** The one question this page answers, as a sentence. */
  question: string;
}

export function PageHeader({ title, question }: PageHeaderProps) {
  return (
    <header className="page-header">
      {/* React hoists <title> into <head>. */}
      <title>{`${title} · Firewatch`}</title>
      <h1>{title}</h1>
      <p className="page-question">{question}</p>
    </header>
  );
}
