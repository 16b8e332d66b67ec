# ruff: noqa: E501
"""Two real initiatives (from the seed texts), built without the parser.

A fixture for the store tests and the sentence source of the library benchmark when
`dsrdraft.bundled` is not available. Texts copied from the 2017 proposal (with its
Chinese clauses 3, 4 and 8) and the 2023 Beijing Initiative, whitespace normalised.
"""

from __future__ import annotations

from dsrdraft.model import Clause, Initiative, Signatory, Translation

# fmt: off
PROPOSAL_2017_CLAUSES: tuple[tuple[str, str], ...] = (('1',
  'Expanding broadband access, raising broadband quality. Build and perfect regional '
  'telecommunications, Internet, satellite navigation and other such important information '
  'infrastructure, stimulate interconnection and interaction, explore the expansion of '
  'high-speed Internet access and connectivity measures at a bearable price, stimulate '
  'broadband network coverage, improve service capabilities and quality.'),
 ('2',
  'Stimulating the digital transformation. Stimulate the digitization of agricultural '
  'production, operations and management, as well as the networked transformation of '
  'agricultural product distribution. Encourage digital technologies to converge with the '
  'manufacturing sector, build an ever more linked, networked and smart manufacturing sector. '
  'Use information and telecommunications technology to improve cultural education, healthcare '
  'and medicine, environmental protection, urban planning and other public services. Stimulate '
  'the sustained development of service sectors such as smart logistics, online tourism, '
  'mobile payment, digital creativity and the shared economy.'),
 ('3',
  'Stimulate e-commerce cooperation. Explore the feasibility of establishing information '
  'sharing, mutual trust and mutual recognition mechanisms for cross-border e-commerce credit, '
  'customs passage, inspection, quarantine, consumer protection and other such areas, '
  'strengthen cooperation in areas such as financial payment, storage and logistics, '
  'technology services, offline exhibitions, etc. Strengthen cooperation in consumer rights '
  'protection.'),
 ('4',
  'Support Internet start-ups and innovation. Encourage the promotion of Internet-based '
  'research, development and innovation through beneficial and transparent legal frameworks, '
  'and support Internet-based start-ups. Use the Internet to stimulate innovation in products, '
  'services, processes, organizational and commercial models.'),
 ('5',
  'Stimulate the development of small, mid-size and micro enterprises. Stimulate small, '
  'mid-size and micro enterprises to use information and telecommunication technologies to '
  'conduct innovation, raise competitiveness and open up new market sales channels through '
  'policy support. Promote the provision of required digital infrastructure to small, mid-size '
  'and micro enterprises at bearable prices. Encourage small, mid-size and micro enterprises '
  'to provide information and telecommunication products and services to public departments, '
  'and enter into global value chains.'),
 ('6',
  'Strengthen digitized skills training. Increase the public’s digitized skills levels, ensure '
  'that they obtain gains from the development of the digital economy. Launch on-the-job '
  'training for digital skills, enhance employees’ digital skills. Encourage government '
  'departments, universities, research bodies and enterprises to vigorously launch training '
  'programmes, and stimulate the popularization and improvement of digital skills.'),
 ('7',
  'Stimulating investment in the information and telecommunications technology area. Improve '
  'the commercial environment through stimulating research, development and innovation as well '
  'as investment, including cross-border investment in the digital economy. Promote all kinds '
  'of financial bodies, multilateral development bodies, etc., to invest in information and '
  'telecommunications technology infrastructure and applications, guide commercial share '
  'investment funds as well as social funds to invest in the area of the digital economy, '
  'encourage public-private partnership relations and other such forms of participation. '
  'Encourage the organization of investment information exchange activities between '
  'information and telecommunications technology enterprises and financial bodies, encourage '
  'reciprocal investment in the information and telecommunications technology area.'),
 ('8',
  'Promoting inter-city digital economy cooperation. Stimulate relevant cities to launch '
  'twinning cooperation, support the establishment of strategic cooperation relationships '
  'between twinned cities, drive international traffic and logistics, enhance quality and '
  'increase efficiency through constructing information infrastructure, promoting information '
  'sharing, stimulating information technology cooperation, and stimulating Internet trading '
  'services. Explore the establishment of “Digital Silk Road” economic cooperation '
  'demonstration areas. Encourage and support relevant cities in establishing “Digital Silk '
  'Road” economic demonstration areas within these cities, promote profound bilateral '
  'cooperation in areas such as information infrastructure, smart cities, e-commerce, '
  'long-distance healthcare, “Internet Plus”, the Internet of Things, artificial intelligence, '
  'etc.'),
 ('9',
  'Increasing digital inclusivity. Adopt many kinds of policy measures and technological '
  'measures to reduce the digital divide, including the digital divide between countries and '
  'within countries, and forcefully stimulate the proliferation of the Internet. Stimulate the '
  'use of digital technologies in school education and non-official education, promote the '
  'realization of broadband access for schools and equip them with online learning '
  'environments, so that ever more students can use digitized tools and resources in pursuit '
  'of learning. Strengthen the development of digital content such as excellent online games, '
  'cartoons, audiovisual materials, literature, music and knowledge resources, and stimulate '
  'exchange between the cultures of all countries, and a meeting of people’s hearts.'),
 ('10',
  'Encouraging and fostering transparent digital economy policies. Develop and maintain an '
  'open, transparent and inclusive digital economy policy formulation method. Encourage the '
  'dissemination of related and publishable government data, and understand the potential of '
  'these in driving new technologies, new products and new services. Encourage online open '
  'tendering and procurement, support enterprises in innovating digital product production and '
  'services, and simultaneously ensure that demand is market-led.'),
 ('11',
  'Furthering international standardization cooperation. Propose the formulation and '
  'application of international standards for technology products and services developed '
  'through joint coordination, these international standards should maintain consistency with '
  'international norms including the norms and principles of the World Trade Organization.'),
 ('12',
  'Strengthening confidence and trust. Strengthen the feasibility, completeness, secrecy and '
  'reliability of online transactions. Encourage the development of secure information '
  'infrastructure, in order to stimulate trustworthy, stable and reliable Internet '
  'applications. Strengthen international cooperation in the area of online trading, jointly '
  'attack cybercrime and protect the information and telecommunications technology '
  'environment. Through ensuring and respecting privacy and protecting personal data, '
  'establish confidence among users, this is a critical factor influencing the development of '
  'the digital economy.'),
 ('13',
  'Encourage and stimulate cooperation while respecting autonomous development paths. '
  'Encourage all countries along the Belt and Road to strengthen exchange and enhance mutual '
  'understanding, strengthen cooperation in policy formulation, supervision and management, '
  'reduce, eliminate or prevent unnecessary differences in supervision and management '
  'requirement, in order to liberate the vitality of the digital economy, simultaneously '
  'understand that all countries should preserve consistency with their international legal '
  'obligations, and that they will plan their development path no the basis of their own '
  'development situation, historical and cultural traditions, national legal systems and '
  'national development strategies.'),
 ('14',
  'Encouraging the joint construction of a peaceful, secure, open, cooperative and ordered '
  'cyberspace. Support information and telecommunication technology policies that safeguard '
  'the global nature of the Internet, permit Internet users to lawfully and autonomously '
  'choose the information, knowledge and services they obtain online. Understand that '
  'cybersovereignty must be fully respected, safeguard cybersecurity, determinedly attack '
  'cyberterrorism and cybercrime, protect personal privacy and information security, and '
  'promote the establishment of a multilateral, democratic and transparent international '
  'Internet governance system.'),
 ('15',
  'Encouraging the establishment of multi-level exchange mechanisms. Stimulate all sides, '
  'governments, enterprises, scientific research bodies, and sectoral organizations to '
  'communicate and interact, share viewpoints, and promote cooperation in the digital economy. '
  'Strengthen training, research and cooperation in the area of the digital economy. '
  'Strengthen exchanges about policy formulation and legislative experiences among the '
  '“Belt-Road Initiative” countries, and share best practices. Launch the construction of '
  'digital technology capabilities, welcome and encourage the United Nations Trade and '
  'Development Committee, the United Nations Industrial Development Organization, the '
  'Organization for Economic Cooperation and Development, the International Telecommunications '
  'Union and other such international organizations to play an important role in driving '
  'international cooperation on the “Belt-Road Initiative” digital economy.'))

PROPOSAL_2017_ZH: tuple[tuple[str, str], ...] = (('3',
  '促进电子商务合作。探索在跨境电子商务信用、通关和检验检疫、消费者保护等领域建立信息共享和互信互认机制的可行性,加强金融支付、仓储物流、技术服务、线下展示等方面的合作。加强消费者权益保护合作。'),
 ('4', '支持互联网创业创新。鼓励通过有利和透明的法律框架,推动基于互联网的研发和创新,支持基于互联网的创业。利用互联网促进产品、服务、流程、组织和商业模式的创新。'),
 ('8',
  '推动城市间的数字经济合作。推动有关城市开展对点合作,支持对点城市间建立战略合作关系,通过信息基础设施建设、推动信息共享、促进信息技术合作、推进互联网经贸服务和加强人文交流,带动国际交通物流提质增效。探索建设“数字丝绸之路”经济合作试验区。鼓励支持有关城市在各自城市分别建立“数字丝绸之路”经济合作试验区,推动双方在信息基础设施、智慧城市、电子商务、远程医疗、 '
  '“互联网+”、物联网、人工智能等领域的深度合作。'))

BEIJING_2023_CLAUSES: tuple[tuple[str, str], ...] = (('1',
  'Strengthen digital interconnection to build digital silk road. Improve the construction of '
  'telecommunication, internet, satellite navigation, cloud data center as well as other '
  'important digital infrastructures. Strengthen digital capacity building, ensure the rights '
  'of developing countries to use basic resources and technologies of the Internet for '
  'peaceful purposes, and bridge the digital divides. Explore ways to expand high-speed '
  'internet access and connectivity at an affordable price and improve the scope and quality '
  'of mobile and broadband access. Improve the accessibility, quality and security of digital '
  'services. Leverage the advantages of digital interconnection, and enhance interconnection '
  'in regional, sub-regional and remote areas through high-quality digital infrastructure '
  'construction and investment.'),
 ('2',
  'Promote cooperation on digital government, digital economy and digital society, etc.. '
  'Promote the exchange of digital transformation practices in manufacturing, agriculture, '
  'retail, finance and bank, education, medical and health care, tourism and professional '
  'services, share model cases for digital application, explore cooperation on digital '
  'transformation projects, so as to achieve more inclusive, enabling, sustainable, resilient '
  'and innovation-driven digital transformation, and promote high-quality development through '
  'digitalization.'),
 ('3',
  'Foster agricultural modernization. Promote the application of digital technologies such as '
  'big data, the Internet of Things, artificial intelligence, drone, robot and automation and '
  'satellite remote sensing in the agricultural field, and promote the digitalization of '
  'agricultural production, operation, management and services. Actively promote cooperation '
  'in smart agriculture and strengthen the exchange of application scenarios and advanced '
  'experience of water-saving, green and other efficient technologies.'),
 ('4',
  'Promote digital transformation of the industry. Deepen the integrated development of '
  'digital technology and manufacturing, and develop digital, networked and intelligent '
  'manufacturing industry. Encourage digital transformation in the whole life cycle of '
  'enterprises, including R&D, design, manufacturing, operation, management, and market '
  'services. Explore cooperation models with complementary advantages and tap cooperation '
  'potential in intelligent manufacturing and Industrial Internet.'),
 ('5',
  'Improve digitalization of public services. Promote digital government administration, '
  'enhance service capacity, and facilitate government services. Jointly carry out '
  'demonstration projects in areas such as distance education, telemedicine, digital poverty '
  'reduction, smart cities, smart communities, and emergency management in a people-centered '
  "approach and with a focus on meeting people's livelihood needs, so that digital "
  "technologies and applications can better benefit people's livelihood."),
 ('6',
  'Coordinate digital transformation and green transformation. Advance coordinated and '
  'mutually reinforced digitalization and green development. Achieve synchronized green '
  'development with digitalization. Make green development take the lead in promoting '
  'digitalization and enable green development with digital technologies. Utilize digital '
  'technologies to improve energy efficiency, promote green, low-carbon and sustainable '
  'development, and achieve harmonious coexistence between human and nature.'),
 ('7',
  'Improve development and cooperation of digital trade, ecommerce, digital payment, and '
  'promote cross-border trade facilitation. Encourage development of new business form and '
  'model of digital trade, accelerate digitalization of the entire trade chain, and promote '
  'the level of trade digitalization. Explore the feasibility of information sharing and '
  'mutual recognition in fields of digital signature, cross-border e-commerce credibility, '
  'customs clearance, inspection and quarantine, and consumer protection. Strengthen '
  'cooperation in fields of digital financial payment, warehousing and logistics, technical '
  'service, offline exhibition, etc.. Encourage digital innovation in shipping trade, promote '
  'the application of such new technologies as blockchain and artificial intelligence, promote '
  'cross-border trade facilitation, and enhance the capability of enterprises to use ecommerce '
  "to explore new channels for trade. Strengthen cooperation in protecting consumers' rights."),
 ('8',
  'Support digital innovation and entrepreneurship. Encourage digital-based research, '
  'development, innovation (RDI) and application through an enabling and transparent legal '
  'framework. Create an enabling ecosystem to support large, small and medium-sized '
  'enterprises in fostering digital innovation capabilities. Take advantage of digital '
  'technologies such as artificial intelligent, big data, blockchain, cloud computing, '
  'fintech, 5G to promote innovation in products, services, processes, organizations and '
  'business models.'),
 ('9',
  'Promote development of MSMEs and digital start-up. Promote policies that support micro, '
  'small and medium-sized enterprises (MSMEs) to utilize digital technologies for innovation, '
  'improved competitiveness, and new distribution channels in markets. Promote affordable '
  'digital infrastructure needed for the digitalized operation of MSMEs. Encourage MSMEs and '
  'digital start-up to provide digital goods and services to the public sector and support the '
  'integration of MSMEs into global value chains. Encourage MSMEs to utilize digital '
  'technologies and solutions to carry out production, business activities and international '
  'trade cooperation, and contribute to maintaining supply chain stability.'),
 ('10',
  'Promote digital literacy and skills. Strengthen digital capacity building and enhance '
  'digital skills of the general public to ensure that the development of digital economy '
  "benefits all. Promote on-the-job training to upgrade employees' digital skills. Encourage "
  'government, universities and research institutions, and enterprises to actively carry out '
  'training programs to promote the popularization and the improvement of digital skills. '
  'Strengthen international cooperation on digital literacy and skills, and promote exchange '
  'of experience and mutual learning, promote the establishment of digital skills training '
  'systems where the resources are inclusive, mutual-sharing, equitably accessible and '
  'interconnected, so as to promote digital literacy and skills.'),
 ('11',
  'Promote investment in digital technologies. Foster an open, fair and non-discriminatory '
  'digital business environment through policy frameworks that facilitate RDI as well as '
  'investment in the digital economy. Promote various kinds of financial institutions and '
  'multilateral development institutions to invest in digital technology infrastructure and '
  'applications. Attract and mobilize capital from private sector including commercial equity '
  'investment funds and social funds to invest digital economy and encourage Public Private '
  'Partnerships(PPP). Encourage investment information exchanges between digital companies and '
  'financial institutions in accordance with local law and regulations. Encourage mutual '
  'investment in digital technologies.'),
 ('12',
  'Explore inter-city cooperation in digital economy. Identify potential areas of cooperation '
  'between city pairs, and support the establishment of city partnership based on mutual '
  'benefits. Encourage relevant cities to explore setting up digital silk road economic '
  'cooperation pilot zone respectively. Promote in-depth cooperation in digital '
  'infrastructure, smart cities, e-commerce, telemedicine, Next Generation Internet, Internet '
  'of Things, blockchain, cloud computing and artificial intelligence.'),
 ('13',
  'Enhance digital inclusion. Bridge the digital divides by various policies and techniques. '
  'Facilitate internet penetration and ensure the digital economy benefit all the people. '
  'Strengthen support for vulnerable groups and improve their digital skills. Promote '
  'experience exchange sharing and cooperation on digital poverty reduction. Facilitate the '
  'use of digital technology in school education as well as in non-formal education. Strive '
  'towards realizing broadband connectivity and network teaching in schools, ensuring an '
  'increased number of students can learn by using digital tools and resources.'),
 ('14',
  'Encourage transparent policies for digital economy. Develop and maintain a digital economy '
  'policy-making process that is open, transparent and inclusive. Encourage the publishing of '
  'pertinent and unclassified government data and recognize the potential of such data in '
  'boosting new technology, products and services. Encourage online public procurement to '
  'support the production of innovative digital services and products by enterprises, while '
  'maintaining market-oriented demands.'),
 ('15',
  'Promote digital market opening and international standardization cooperation. Strengthen '
  'exchanges and practice sharing on the governance of platform economy and promote mutual '
  'opening of digital markets based on the principle of reciprocity and win-win results. '
  'Develop basic measures related to electronic invoicing in accordance with applicable '
  'international open standards, guidelines or recommendations, promote the adoption of '
  'interoperable electronic invoicing systems, digital payment, digital signature and '
  'continuously expand the connecting of different electronic systems. Advocate the joint '
  'development of international standards for relevant technical products and services and '
  'promote their application. These international standards should be consistent with '
  'universally accepted international rules, including but not limited to the WTO rules, the '
  'International Organization for Standardization (ISO) standards, the International '
  'Electrotechnical Commission (IEC) standards.'),
 ('16',
  'Attach importance to the significant role of artificial intelligence (AI) in '
  'comprehensively improving quality of life. Encourage sound development of AI industry '
  'blockchain, big data, cloud computing, and deeply empower traditional industries with AI. '
  'Encourage all countries to uphold a people-centered approach and the principle of AI for '
  'good, strengthen research and prevention of potential risks in the development of AI, so as '
  "to safeguard people's interests and national security, and ensure that artificial "
  'intelligence is safe, reliable and controllable. Attach importance to the role of the '
  'United Nations as the main channel, strengthen international exchanges and cooperation in '
  'AI, work together to create an open, fair, just and non-discriminatory international '
  'environment for AI development, promote and improve the AI governance mechanism with the '
  'participation of multiple stakeholders and collaborative governance, and form standards and '
  'norms with broad consensus.'),
 ('17',
  'Strengthen confidence and trust. Promote the availability, integrity, confidentiality and '
  'authenticity of online transactions. Encourage the development of secure digital '
  'infrastructure to promote trusted, stable, and reliable Internet applications. Jointly '
  'combat cyber rime and safeguard digital technology ecosystem by strengthening international '
  'cooperation in online transactions. Build stronger confidence and trust by ensuring the '
  'respect of privacy and protection of personal data to enable open and secure internet '
  'environment.'),
 ('18',
  'Encourage cooperation while respecting the path of independent development of each country. '
  'Encourage partner countries to exchange views, promote mutual understanding, and strengthen '
  'cooperation in policy-making and regulation to reduce, eliminate or prevent unnecessary '
  'differences in regulatory requirements to unleash the vitality of digital economy, while '
  'recognizing that all countries could chart their development paths that are consistent with '
  'their international legal obligations and their development stages, historical and cultural '
  'traditions, national legal systems, and national development strategies.'),
 ('19',
  'Encourage establishment of a peaceful, secure, open, cooperative and orderly cyberspace, '
  'and work together to build a community with a shared future in cyberspace. Give play to the '
  'role of the UN as the main channel in international governance of cyberspace, and support '
  'the formulation of universally accepted international rules on cyberspace under the UN '
  'framework. Advocate solidity rather than division, cooperation rather than confrontation, '
  'inclusiveness rather than exclusiveness, and discuss the formulation of globally '
  'interoperable digital rules to prevent fragmentation in cyberspace. Support digital '
  'policies that preserve the global nature of the Internet, allow Internet users to lawfully '
  'access online information, knowledge and services of their choice. Recognize the need to '
  'fully respect sovereignty in cyberspace and safeguard cyber security, resolutely fight '
  'against cyber terrorism, cyber crime and cyber attack, protect privacy, information and '
  'data security, resolutely fight against fake news, telecom and cyber fraud, personal data '
  'leaking, promote the establishment of a multilateral, democratic and transparent '
  'international Internet governance system. Achieve fair distribution and joint management of '
  'basic Internet resources, promote international cooperation and assistance, actively '
  'maintain the openness, security and stability of the global supply chain of information '
  'technology products and services, and explore the formulation of common rules and standards '
  'for global interoperable supply chain security.'),
 ('20',
  'Encourage the establishment of a multi-level exchange mechanism. Promote exchanges and '
  'share views among governments, enterprises, scientific institutions, industry organizations '
  'and relevant interested parties to enhance cooperation in digital economy. Strengthen '
  'training and research cooperation in digital economy. Promote Belt and Road cooperation '
  'partner countries to exchange experience in policy making and legislation, and share best '
  'practices. Encourage the establishment of a united, equal, balanced and inclusive digital '
  'economy partnership, to tap the potential of digital economy cooperation, while balancing '
  'development and security, and jointly create an open, fair, just and non-discriminatory '
  'digital economy environment. Welcome and encourage UNCTAD, UNIDO, ITU, and other '
  'international organizations to play an important role in promoting the international '
  'cooperation of digital economy under the Belt and Road Initiative.'))

PROPOSAL_2017_PREAMBLE = ('The digital economy is a driver for global economic growth that becomes more important every '
 'day, and is playing an ever more important role in accelerating economic development, '
 'enhancing labour productivity in existing industries, fostering new markets and new '
 'industrial growth points, realizing inclusive growth and sustainable growth. In order to '
 'expand cooperation in the digital economy area, as countries supporting the “One Belt, One '
 'Road” initiative, we will, on the basis of the principles of interconnection and '
 'interaction, innovation and development, openness and cooperation, harmony and inclusivity, '
 'mutual benefit and win-win, explore the common use of digital opportunities and response to '
 'challenge, strive to realize an interconnected and interactive “Digital Silk Road” through '
 'strengthening policy communication, infrastructure linkages, trade facilitation, financial '
 'flows and interlinking popular sentiment, and forge a mutually beneficial, win-win '
 '“community of interests” and a “community of destiny” for common development and '
 'flourishing. To this end, on the basis of voluntarity and non-restraint, we put forward the '
 'following proposal:')

BEIJING_2023_PREAMBLE = ('The digital economy is an increasingly important driver of global economic growth and plays '
 'a significant role in accelerating economic recovery, enhancing productivity of industries, '
 'cultivating new markets and industries, and achieving inclusive and sustainable growth. To '
 'expand cooperation in digital economy, unleash the huge potential of the digital economy in '
 'implementing the 2030 Agenda for Sustainable Development, as the Belt and Road cooperation '
 'partners, while bearing in mind the principles of interconnection, innovation, openness, '
 'harmony and inclusiveness, mutual benefit and win-win cooperation, and we will explore ways '
 'to collectively leverage digital opportunities, cope with challenges, through enhanced '
 'policy coordination, facilities connectivity, trade facilitation, financial cooperation, and '
 'people-topeople bond. We are working to build an interconnected digital silk road and to '
 'create a community of shared interests and shared future based on win-win cooperation and '
 "common prosperity. To this end, on a voluntary and non-binding basis, the People's Republic "
 'of China, Republic of Argentina, the Kingdom of Cambodia, Union of Comoros, the Republic of '
 'Cuba, the Federal Democratic Republic of Ethiopia, the Republic of the Gambia, the Republic '
 "of Kenya, the Lao People's Democratic Republic, Malaysia, the Republic of the Union of "
 'Myanmar, State of Palestine, the Democratic Republic of Sao Tome and Principe and the '
 'Kingdom of Thailand propose the following initiative:')
# fmt: on



def _heading(text: str) -> str:
    first, _, _ = text.partition(". ")
    return first.rstrip(".") + "."


def proposal_2017() -> Initiative:
    return Initiative(
        id="obor-digital-economy-2017",
        title="Proposal for International Cooperation on the “One Belt, One Road” Digital Economy",
        language="en",
        preamble=PROPOSAL_2017_PREAMBLE,
        clauses=tuple(Clause(n, _heading(t), t) for n, t in PROPOSAL_2017_CLAUSES),
        signatories=tuple(Signatory(code, name) for code, name in (
            ("CHN", "China"), ("LAO", "Laos"), ("SAU", "Saudi Arabia"), ("SRB", "Serbia"),
            ("THA", "Thailand"), ("TUR", "Turkey"), ("ARE", "United Arab Emirates"))),
        translations={"zh": tuple(Translation(n, t) for n, t in PROPOSAL_2017_ZH)},
        year=2017,
        date="2017-12-03",
        place="Wuzhen",
        source="001_efe2c7770b2f92b5.txt",
    )


def beijing_2023() -> Initiative:
    return Initiative(
        id="beijing-initiative-2023",
        title="Beijing Initiative on the Belt and Road International Digital Economy Cooperation",
        language="en",
        preamble=BEIJING_2023_PREAMBLE,
        clauses=tuple(Clause(n, _heading(t), t) for n, t in BEIJING_2023_CLAUSES),
        signatories=(Signatory("CHN", "China"), Signatory("ARG", "Argentina"),
                     Signatory("KHM", "Cambodia"), Signatory("THA", "Thailand")),
        year=2023,
        date="2023-10-18",
        place="Beijing",
        source="003_de029aa04c7c25e9.txt",
    )


def sample_initiatives() -> list[Initiative]:
    return [proposal_2017(), beijing_2023()]


def sample_sentences() -> tuple[list[str], list[str]]:
    """(English sentences, Chinese sentences) of the sample texts."""
    english = [s.strip() for _, t in PROPOSAL_2017_CLAUSES + BEIJING_2023_CLAUSES
               for s in t.split(". ") if len(s.strip()) > 20]
    chinese = [s.strip() + "。" for _, t in PROPOSAL_2017_ZH for s in t.split("。") if s.strip()]
    return english, chinese
