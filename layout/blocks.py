"""Split sanitised article HTML into top-level blocks and cut it at a word.

A cut keeps the markup valid. Tags open at the cut are closed in the first
part and opened again in the second. A split paragraph's second part gets
the class ``continued`` (no first-line indent), and a numbered list that is
split keeps its numbering through ``start``. Tables and figures are never
split, and a heading never ends a part: it moves on with the text it heads.
"""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

SPLITTABLE_INLINE = {"p", "li"}
CONTAINERS = {"ul", "ol", "blockquote"}
HEADINGS = {"h2", "h3", "h4"}
VOID = {"br", "img", "hr", "wbr"}
INLINE = {"a", "b", "em", "i", "s", "span", "strong", "sub", "sup", "u"}
WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Token:
    kind: str  # "start", "end", "data", "void"
    tag: str = ""
    raw: str = ""  # start tag as written, or the text for data


class _Tokenizer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []

    def handle_starttag(self, tag, attrs):
        kind = "void" if tag in VOID else "start"
        self.tokens.append(Token(kind, tag, self.get_starttag_text()))

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(Token("void", tag, self.get_starttag_text()))

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.tokens.append(Token("end", tag))

    def handle_data(self, data):
        self.tokens.append(Token("data", raw=data))


def tokenize(fragment: str) -> list[Token]:
    parser = _Tokenizer()
    parser.feed(fragment)
    parser.close()
    return parser.tokens


def serialize(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.kind in ("start", "void"):
            parts.append(token.raw)
        elif token.kind == "end":
            parts.append(f"</{token.tag}>")
        else:
            parts.append(html.escape(token.raw, quote=False))
    return "".join(parts)


def count_words(tokens: list[Token]) -> int:
    text = "".join(token.raw if token.kind == "data" else " " for token in tokens
                   if token.kind == "data" or token.tag in VOID or token.kind in ("start", "end"))
    return len(WORD.findall(text))


@dataclass(frozen=True)
class Block:
    tag: str
    tokens: tuple[Token, ...]
    words: int

    @property
    def html(self) -> str:
        return serialize(list(self.tokens))


def parse_blocks(fragment: str) -> list[Block]:
    """Group a body fragment into its top-level elements.

    Loose text and inline elements at the top level are gathered into a
    paragraph, so every block is an element.
    """
    blocks: list[Block] = []
    current: list[Token] = []
    depth = 0
    loose: list[Token] = []

    def flush_loose():
        if loose and any(t.kind != "data" or t.raw.strip() for t in loose):
            tokens = [Token("start", "p", "<p>"), *loose, Token("end", "p")]
            blocks.append(Block("p", tuple(tokens), count_words(tokens)))
        loose.clear()

    for token in tokenize(fragment):
        if depth == 0:
            if token.kind == "start" and token.tag not in INLINE:
                flush_loose()
                current = [token]
                depth = 1
            elif token.kind == "void" and token.tag == "hr":
                flush_loose()
                blocks.append(Block("hr", (token,), 0))
            elif token.kind == "end" and token.tag not in INLINE:
                continue
            else:
                loose.append(token)
            continue
        current.append(token)
        if token.kind == "start":
            depth += 1
        elif token.kind == "end":
            depth -= 1
            if depth == 0:
                blocks.append(Block(current[0].tag, tuple(current), count_words(current)))
                current = []
    if current:
        # Unclosed element at the end: close what is still open.
        current.extend(Token("end", t.tag) for t in reversed(_open_stack(current)))
        blocks.append(Block(current[0].tag, tuple(current), count_words(current)))
    flush_loose()
    return blocks


def total_words(blocks: list[Block]) -> int:
    return sum(block.words for block in blocks)


def _open_stack(tokens) -> list[Token]:
    stack: list[Token] = []
    for token in tokens:
        if token.kind == "start":
            stack.append(token)
        elif token.kind == "end":
            for index in range(len(stack) - 1, -1, -1):
                if stack[index].tag == token.tag:
                    del stack[index:]
                    break
    return stack


def _with_class(start: Token, css_class: str) -> Token:
    raw = start.raw
    if re.search(r'\sclass="', raw):
        raw = re.sub(r'\sclass="', f' class="{css_class} ', raw, count=1)
    else:
        raw = raw[:-1].rstrip("/").rstrip() + f' class="{css_class}">'
    return Token("start", start.tag, raw)


def _with_start(start: Token, number: int) -> Token:
    raw = re.sub(r'\sstart="\d+"', "", start.raw)
    raw = raw[:-1].rstrip() + f' start="{number}">'
    return Token("start", start.tag, raw)


def _split_tokens(tokens: list[Token], words: int) -> tuple[list[Token], list[Token]]:
    """Cut an inline token run after ``words`` words, closing and reopening tags."""
    count = 0
    in_word = False
    for index, token in enumerate(tokens):
        if token.kind != "data":
            if token.kind == "void" and token.tag == "br":
                in_word = False
            continue
        text = token.raw
        for position, char in enumerate(text):
            if char.isspace():
                in_word = False
                continue
            if not in_word:
                in_word = True
                count += 1
                if count == words + 1:
                    head = [*tokens[:index]]
                    if text[:position].strip():
                        head.append(Token("data", raw=text[:position].rstrip()))
                    stack = _open_stack(head)
                    tail = [*stack, Token("data", raw=text[position:]), *tokens[index + 1:]]
                    # Drop inline elements the cut left empty at the end of the head.
                    while head and head[-1].kind == "start" and head[-1].tag in INLINE:
                        head.pop()
                        stack.pop()
                    head.extend(Token("end", t.tag) for t in reversed(stack))
                    return head, tail
    return list(tokens), []


def _split_inline_block(block: Block, words: int) -> tuple[Block | None, Block | None]:
    tokens = list(block.tokens)
    head, tail = _split_tokens(tokens, words)
    if not tail:
        return block, None
    # The tail reopens the block's own tag first; mark it as a continuation.
    tail[0] = _with_class(tail[0], "continued")
    head_block = Block(block.tag, tuple(head), count_words(head))
    tail_block = Block(block.tag, tuple(tail), count_words(tail))
    if head_block.words == 0:
        return None, block
    return head_block, tail_block


def _children(block: Block) -> list[Block]:
    """Return the direct child elements of a container block."""
    inner = list(block.tokens[1:-1])
    children = []
    depth = 0
    current: list[Token] = []
    for token in inner:
        if depth == 0:
            if token.kind == "start":
                current = [token]
                depth = 1
            elif token.kind == "data" and token.raw.strip():
                children.append(Block("#text", (token,), count_words([token])))
            continue
        current.append(token)
        if token.kind == "start":
            depth += 1
        elif token.kind == "end":
            depth -= 1
            if depth == 0:
                children.append(Block(current[0].tag, tuple(current), count_words(current)))
    return children


def _split_container(block: Block, words: int) -> tuple[Block | None, Block | None]:
    """Cut a list or blockquote between (or inside) its children after ``words`` words."""
    opening, closing = block.tokens[0], block.tokens[-1]
    children = _children(block)
    head_children: list[Block] = []
    used = 0
    rest: list[Block] = []
    for index, child in enumerate(children):
        if used + child.words <= words:
            head_children.append(child)
            used += child.words
            continue
        left = words - used
        if child.tag in SPLITTABLE_INLINE and left > 0:
            head_child, tail_child = _split_inline_block(child, left)
            if head_child is not None:
                head_children.append(head_child)
            rest = ([tail_child] if tail_child else []) + children[index + 1:]
        else:
            rest = children[index:]
        break

    if not head_children:
        return None, block
    if not rest:
        return block, None

    head_tokens = [opening, *[token for child in head_children for token in child.tokens], closing]
    tail_opening = _tail_opening(block, head_children, rest)
    tail_tokens = [tail_opening, *[token for child in rest for token in child.tokens], closing]
    return (Block(block.tag, tuple(head_tokens), count_words(head_tokens)),
            Block(block.tag, tuple(tail_tokens), count_words(tail_tokens)))


def _is_continued(block: Block) -> bool:
    return "continued" in block.tokens[0].raw


def _tail_opening(block: Block, head_children: list[Block], rest: list[Block]) -> Token:
    """Return the opening tag of a split list's second part: numbering carried on, marked when an item was cut."""
    opening = block.tokens[0]
    if block.tag == "ol":
        start_match = re.search(r'\sstart="(\d+)"', opening.raw)
        first_number = int(start_match.group(1)) if start_match else 1
        finished_items = sum(1 for child in head_children if child.tag == "li" and not _is_continued(child))
        if head_children[-1].tag == "li" and rest[0].tag == "li" and _is_continued(rest[0]):
            # The cut item is counted in the tail, where it carries on.
            finished_items -= 1
        opening = _with_start(opening, first_number + finished_items)
    if block.tag in ("ul", "ol") and _is_continued(rest[0]):
        opening = _with_class(opening, "continued")
    return opening


def split_blocks(blocks: list[Block], words: int) -> tuple[list[Block], list[Block]]:
    """Return the blocks holding the first ``words`` words and the rest.

    The first part may hold fewer words than asked when the cut falls in a
    block that cannot be split, or when a heading would end the first part.
    """
    head: list[Block] = []
    used = 0
    tail: list[Block] = []
    for index, block in enumerate(blocks):
        if used + block.words <= words:
            head.append(block)
            used += block.words
            continue
        left = words - used
        first, second = None, block
        if left > 0 and block.tag in SPLITTABLE_INLINE:
            first, second = _split_inline_block(block, left)
        elif left > 0 and block.tag in CONTAINERS:
            first, second = _split_container(block, left)
        if first is not None:
            head.append(first)
        tail = ([second] if second is not None else []) + list(blocks[index + 1:])
        break
    while head and head[-1].tag in HEADINGS:
        tail.insert(0, head.pop())
    return head, tail


def join(blocks: list[Block]) -> str:
    return "\n".join(block.html for block in blocks)
